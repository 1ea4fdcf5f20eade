// Wall-clock time for sessions against processes and boards.
#include "bench/scenario/real_session_clock.h"

#include <algorithm>
#include <chrono>

namespace hil::scenario {

void RealSessionClock::run_until(core::Micros until, const std::function<bool()>& done) {
  constexpr auto kSlice = std::chrono::milliseconds(20);  // how often done() is looked at when idle
  while (!done()) {
    const core::Micros now = scheduler_.now();
    if (now >= until) return;
    const auto wall_left = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::duration<double, std::micro>(static_cast<double>((until - now).count()) /
                                                  time_scale_));
    if (io_.stopped()) io_.restart();
    io_.run_one_for(
        std::min<std::chrono::microseconds>(wall_left + std::chrono::microseconds(1), kSlice));
  }
}

}  // namespace hil::scenario
