// Virtual time held to the wall clock.
#include "bench/scenario/paced_session_clock.h"

#include <thread>

namespace hil::scenario {

void PacedSessionClock::before_reaching(core::Micros t) {
  const std::chrono::duration<double, std::micro> wall(static_cast<double>(t.count()) /
                                                       time_scale_);
  std::this_thread::sleep_until(
      origin_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(wall));
}

}  // namespace hil::scenario
