// The heap between .bss and the stack (newlib's malloc grows it through _sbrk), and how much of it
// the firmware has used at most.
#pragma once

#include <cstddef>

namespace hil::board {

// The highest the heap has reached, in bytes from its start.
std::size_t heap_peak_bytes();
// The room the linker script left for it.
std::size_t heap_size_bytes();

}  // namespace hil::board
