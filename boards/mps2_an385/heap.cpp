// _sbrk for newlib: hands out the RAM between .bss and the stack, never past it.
#include "boards/mps2_an385/heap.h"

#include <cerrno>
#include <cstdint>

extern "C" {
extern char _heap_start;
extern char _heap_end;
}

namespace {
char* g_break = &_heap_start;
char* g_peak = &_heap_start;
}  // namespace

namespace hil::board {

std::size_t heap_peak_bytes() { return static_cast<std::size_t>(g_peak - &_heap_start); }
std::size_t heap_size_bytes() { return static_cast<std::size_t>(&_heap_end - &_heap_start); }

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
