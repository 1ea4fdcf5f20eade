// Time since reset: TIMER0 runs free at the system clock and is read for the time (an interrupt
// late or lost cannot slow the clock, as counting interrupts would under QEMU on a busy host);
// SysTick at 10 kHz extends it past the counter's 171 s wrap and drives the step generators.
#pragma once

#include <cstdint>

namespace hil::board {

// Starts both timers; `on_tick` (may be null) runs in SysTick's interrupt every 0.1 ms.
void start_tick_clock(void (*on_tick)());
// Microseconds since start_tick_clock(); never goes backwards.
std::int64_t now_us();

}  // namespace hil::board
