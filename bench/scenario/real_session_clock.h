// Wall-clock time for sessions against processes and boards: an io_context and a scaled scheduler.
#pragma once

#include <boost/asio/io_context.hpp>

#include "bench/io/asio_scheduler.h"
#include "bench/scenario/session_clock.h"

namespace hil::scenario {

class RealSessionClock : public SessionClock {
 public:
  // Device time runs `time_scale` times faster than the wall clock (match the devices' own scale).
  explicit RealSessionClock(double time_scale = 1.0)
      : scheduler_(io_, time_scale), time_scale_(time_scale) {}

  core::Scheduler& scheduler() override { return scheduler_; }
  boost::asio::io_context& io() { return io_; }
  void run_until(core::Micros until, const std::function<bool()>& done) override;
  void run_due() override { io_.poll(); }
  const char* mode() const override { return "real"; }

 private:
  boost::asio::io_context io_;
  bench::AsioScheduler scheduler_;
  double time_scale_;
};

}  // namespace hil::scenario
