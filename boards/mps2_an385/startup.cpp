// Reset and the vector table: copies .data, clears .bss, runs constructors, then main().
#include <cstdint>
#include <cstring>

#include "boards/mps2_an385/heap.h"

extern "C" {
extern std::uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack, _heap_end;
void __libc_init_array();
int main();
void reset_handler();
void systick_handler();
void uart0_rx_handler();
}

namespace {

// A fault or an interrupt nobody claims: stop here, where a debugger finds it.
[[noreturn]] void unexpected_exception() {
  for (;;) {
  }
}

using Handler = void (*)();
constexpr int kSystemVectors = 16;
constexpr int kIrqVectors = 32;

struct VectorTable {
  std::uint32_t* initial_stack;
  Handler handlers[kSystemVectors - 1 + kIrqVectors];
};

constexpr VectorTable make_vectors() {
  VectorTable table{&_estack, {}};
  for (auto& handler : table.handlers) handler = unexpected_exception;
  table.handlers[0] = reset_handler;
  table.handlers[14] = systick_handler;                       // exception 15
  table.handlers[kSystemVectors - 1 + 0] = uart0_rx_handler;  // IRQ 0: UART0 RX
  return table;
}

}  // namespace

__attribute__((section(".isr_vector"), used)) const VectorTable vectors = make_vectors();

extern "C" void reset_handler() {
  std::memcpy(&_sdata, &_sidata,
              static_cast<std::size_t>(reinterpret_cast<char*>(&_edata) -
                                       reinterpret_cast<char*>(&_sdata)));
  std::memset(
      &_sbss, 0,
      static_cast<std::size_t>(reinterpret_cast<char*>(&_ebss) - reinterpret_cast<char*>(&_sbss)));
  hil::board::paint_stack();
  __libc_init_array();
  main();
  unexpected_exception();
}
