// Virtual time held to the wall clock (`hilbench run --realtime`): in-process simulations run at a
// board's pace, each event waiting for its wall instant, `time_scale` device seconds per wall
// second. The events and their device times are the virtual ones, so a paced run gives the same
// trace as an unpaced one with the same seed.
#pragma once

#include <chrono>

#include "bench/scenario/session_clock.h"

namespace hil::scenario {

class PacedSessionClock : public VirtualSessionClock {
 public:
  explicit PacedSessionClock(double time_scale = 1.0)
      : time_scale_(time_scale), origin_(std::chrono::steady_clock::now()) {}

  const char* mode() const override { return "paced"; }

 protected:
  // Sleeps until the wall clock reaches device time `t` (at once if it is already late).
  void before_reaching(core::Micros t) override;

 private:
  double time_scale_;
  std::chrono::steady_clock::time_point origin_;  // the wall time of device time zero
};

}  // namespace hil::scenario
