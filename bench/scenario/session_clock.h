// How time passes in a session: a virtual clock advanced event by event, or the wall clock.
#pragma once

#include <functional>
#include <memory>

#include "firmware_core/ports/scheduler.h"
#include "sim/time/virtual_scheduler.h"

namespace hil::scenario {

class SessionClock {
 public:
  virtual ~SessionClock() = default;
  virtual core::Scheduler& scheduler() = 0;
  core::Micros now() { return scheduler().now(); }
  // Lets time pass until `until`, stopping early as soon as `done()` holds (it is checked after
  // every event, so the clock stops at the instant something happened).
  virtual void run_until(core::Micros until, const std::function<bool()>& done) = 0;
  // Handles what is due now (the consequences of something just sent).
  virtual void run_due() = 0;
  // A description for trace headers: "virtual", "paced" (virtual held to the wall clock) or "real".
  virtual const char* mode() const = 0;
};

class VirtualSessionClock : public SessionClock {
 public:
  core::Scheduler& scheduler() override { return clock_; }
  sim::VirtualScheduler& virtual_scheduler() { return clock_; }
  void run_until(core::Micros until, const std::function<bool()>& done) override;
  void run_due() override { clock_.run_due(); }
  const char* mode() const override { return "virtual"; }

 protected:
  // Called before time moves on to `t` (an event's instant, or the end of a wait); a paced clock
  // sleeps here until the wall clock gets there.
  virtual void before_reaching(core::Micros) {}

 private:
  sim::VirtualScheduler clock_;
};

}  // namespace hil::scenario
