// Virtual time held to the wall clock.
#include "bench/scenario/paced_session_clock.h"

#include <thread>

namespace hil::scenario {

void PacedSessionClock::wait_for(core::Micros t) const {
  const std::chrono::duration<double, std::micro> wall(static_cast<double>(t.count()) / time_scale_);
  std::this_thread::sleep_until(origin_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(wall));
}

void PacedSessionClock::run_until(core::Micros until, const std::function<bool()>& done) {
  sim::VirtualScheduler& clock = virtual_scheduler();
  while (!done()) {
    const auto next = clock.next_event();
    if (!next || *next > until) {
      wait_for(until);
      clock.run_until(until);
      return;
    }
    wait_for(*next);
    clock.run_until(*next);  // one instant at a time, each at its wall time
  }
}

}  // namespace hil::scenario
