// How time passes in a virtual session.
#include "bench/scenario/session_clock.h"

namespace hil::scenario {

void VirtualSessionClock::run_until(core::Micros until, const std::function<bool()>& done) {
  while (!done()) {
    const auto next = clock_.next_event();
    if (!next || *next > until) {
      before_reaching(until);
      clock_.run_until(until);
      return;
    }
    before_reaching(*next);
    clock_.run_until(*next);  // one instant at a time
  }
}

}  // namespace hil::scenario
