// The heap between .bss and the stack (newlib's malloc grows it through _sbrk), the stack above it,
// and how much of each the firmware has used at most.
#pragma once

#include <cstddef>

namespace hil::board {

// The highest the heap has reached, in bytes from its start.
std::size_t heap_peak_bytes();
// The room the linker script left for it.
std::size_t heap_size_bytes();

// Fills the stack's free part with a pattern at reset (called before anything else runs)...
void paint_stack();
// ...so that the deepest the stack has gone is where the pattern starts to be intact.
std::size_t stack_peak_bytes();

}  // namespace hil::board
