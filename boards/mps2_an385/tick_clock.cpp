// TIMER0 as the board's clock, SysTick as its tick.
#include "boards/mps2_an385/tick_clock.h"

#include "boards/mps2_an385/cpu.h"
#include "boards/mps2_an385/registers.h"

namespace hil::board {
namespace {

constexpr std::uint32_t kTickUs = 100;  // 10 kHz: a move ends within 0.1 ms of its time
constexpr std::uint32_t kCyclesPerUs = kSystemClockHz / 1'000'000;

std::uint64_t g_cycles = 0;      // system clock cycles counted up to the last reading
std::uint32_t g_last_value = 0;  // TIMER0's value at that reading
void (*g_on_tick)() = nullptr;

// Call with interrupts masked. TIMER0 counts down: what it lost since the last reading has passed.
std::uint64_t cycles_now() {
  const std::uint32_t value = timer0().value;
  g_cycles += g_last_value - value;  // modulo 2^32: one wrap in between is counted right
  g_last_value = value;
  return g_cycles;
}

}  // namespace

void start_tick_clock(void (*on_tick)()) {
  g_on_tick = on_tick;
  timer0().reload = 0xFFFFFFFFU;
  timer0().value = 0xFFFFFFFFU;
  g_last_value = 0xFFFFFFFFU;
  timer0().ctrl = 0x1;  // on, no interrupt
  systick().rvr = kTickUs * kCyclesPerUs - 1;
  systick().cvr = 0;
  systick().csr = 0x7;  // processor clock, interrupt, on
}

std::int64_t now_us() {
  const InterruptsMasked masked;
  return static_cast<std::int64_t>(cycles_now() / kCyclesPerUs);
}

}  // namespace hil::board

extern "C" void systick_handler() {
  {
    const hil::board::InterruptsMasked masked;
    hil::board::cycles_now();  // at least one reading per wrap of TIMER0
  }
  if (hil::board::g_on_tick != nullptr) hil::board::g_on_tick();
}
