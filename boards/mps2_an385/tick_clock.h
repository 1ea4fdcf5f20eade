// Time since reset from SysTick: a 10 kHz interrupt counts ticks of 0.1 ms, its down-counter gives
// the microseconds between two. The same interrupt drives the step generators.
#pragma once

#include <cstdint>

namespace hil::board {

// Starts SysTick at 10 kHz; `on_tick` (may be null) runs in its interrupt after each tick.
void start_tick_clock(void (*on_tick)());
// Microseconds since start_tick_clock(); never goes backwards.
std::int64_t now_us();

}  // namespace hil::board
