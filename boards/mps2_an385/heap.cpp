// _sbrk for newlib: hands out the RAM between .bss and the stack, never past it.
#include "boards/mps2_an385/heap.h"

#include <cerrno>
#include <cstdint>

extern "C" {
extern char _heap_start;
extern char _heap_end;
extern char _estack;
}

namespace {
char* g_break = &_heap_start;
char* g_peak = &_heap_start;
constexpr std::uint32_t kStackPaint = 0xA5A5A5A5U;
}  // namespace

namespace hil::board {

std::size_t heap_peak_bytes() { return static_cast<std::size_t>(g_peak - &_heap_start); }
std::size_t heap_size_bytes() { return static_cast<std::size_t>(&_heap_end - &_heap_start); }

void paint_stack() {
  // Up to a little below the stack pointer: the part of the stack in use now stays as it is.
  std::uintptr_t sp = 0;
  __asm volatile("mov %0, sp" : "=r"(sp));
  auto* word = reinterpret_cast<std::uint32_t*>(&_heap_end);
  auto* const end = reinterpret_cast<std::uint32_t*>(sp - 64);
  while (word < end) *word++ = kStackPaint;
}

std::size_t stack_peak_bytes() {
  const auto* word = reinterpret_cast<const std::uint32_t*>(&_heap_end);
  const auto* const top = reinterpret_cast<const std::uint32_t*>(&_estack);
  while (word < top && *word == kStackPaint) ++word;
  return static_cast<std::size_t>(reinterpret_cast<const char*>(top) -
                                  reinterpret_cast<const char*>(word));
}

}  // namespace hil::board

extern "C" void* _sbrk(std::ptrdiff_t increment) {
  if (increment > &_heap_end - g_break) {
    errno = ENOMEM;  // malloc returns null, and new ends the program
    return reinterpret_cast<void*>(-1);
  }
  char* previous = g_break;
  g_break += increment;
  if (g_break > g_peak) g_peak = g_break;
  return previous;
}
