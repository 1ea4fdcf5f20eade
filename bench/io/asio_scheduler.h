// The real-time Scheduler: Boost.Asio steady timers, optionally running device time faster.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "firmware_core/ports/scheduler.h"

namespace hil::bench {

class AsioScheduler : public hil::core::Scheduler {
 public:
  // Device time runs `time_scale` times faster than the steady clock (must be > 0).
  explicit AsioScheduler(boost::asio::io_context& io, double time_scale = 1.0);
  ~AsioScheduler() override;
  AsioScheduler(const AsioScheduler&) = delete;
  AsioScheduler& operator=(const AsioScheduler&) = delete;

  // The steady clock scaled; inside a timer callback, the time the timer was due, so that device
  // time stays exact (a move due to end 550 ms after it started reports 550 ms, not 551). Never
  // goes backwards.
  hil::core::Micros now() const override;
  hil::core::TimerId call_at(hil::core::Micros when, std::function<void()> fn) override;
  void cancel(hil::core::TimerId id) override;

  // Runs fn as one event at one instant: every now() inside it reads the same time, as inside a
  // timer callback (for I/O handlers that drive device logic).
  void run_event(const std::function<void()>& fn);

  // Timers armed and neither fired nor cancelled.
  std::size_t pending() const { return timers_.size(); }

 private:
  struct Pending {
    boost::asio::steady_timer timer;
    std::function<void()> fn;
    hil::core::Micros due;
  };

  void fire(hil::core::TimerId id);

  boost::asio::io_context& io_;
  double time_scale_;
  std::chrono::steady_clock::time_point start_;
  hil::core::TimerId next_id_ = 1;
  std::map<hil::core::TimerId, std::unique_ptr<Pending>> timers_;
  std::optional<hil::core::Micros> firing_due_;  // set while a timer callback runs
  mutable hil::core::Micros last_now_{0};
  // Handlers hold a weak copy so that a completion queued after destruction does nothing.
  std::shared_ptr<char> alive_ = std::make_shared<char>();
};

}  // namespace hil::bench
