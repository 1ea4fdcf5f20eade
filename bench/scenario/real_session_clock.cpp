// Wall-clock time for sessions against processes and boards.
#include "bench/scenario/real_session_clock.h"

#include <chrono>

namespace hil::scenario {

void RealSessionClock::run_until(core::Micros until, const std::function<bool()>& done) {
  // done() changes only in a handler (a message, a timer): each wait is for the next one.
  while (!done()) {
    const core::Micros now = scheduler_.now();
    if (now >= until) return;
    const auto wall_left = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::duration<double, std::micro>(static_cast<double>((until - now).count()) /
                                                  time_scale_));
    if (io_.stopped()) io_.restart();
    io_.run_one_for(wall_left + std::chrono::microseconds(1));
  }
}

}  // namespace hil::scenario
