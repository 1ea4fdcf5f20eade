// The core's scheduler on the board: timers in a queue ordered by time, run from the main loop
// (never from an interrupt), on the SysTick clock.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <utility>

#include "firmware_core/ports/scheduler.h"

namespace hil::board {

class BoardScheduler : public core::Scheduler {
 public:
  core::Micros now() const override;
  core::TimerId call_at(core::Micros when, std::function<void()> fn) override;
  void cancel(core::TimerId id) override;

  // Runs every timer due now, in time order (ties in the order they were set); returns how many.
  std::size_t run_due();
  // Whether a timer is due now (the main loop sleeps only when none is).
  bool due() const;

 private:
  using Key = std::pair<std::int64_t, core::TimerId>;  // (time, id): ids grow, so ties keep order
  std::map<Key, std::function<void()>> queue_;
  std::map<core::TimerId, std::int64_t> when_;
  core::TimerId next_id_ = 1;
};

}  // namespace hil::board
