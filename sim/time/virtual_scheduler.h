// Virtual time: a discrete-event queue that moves only when the caller advances it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

#include "firmware_core/ports/scheduler.h"

namespace hil::sim {

using core::Micros;
using core::TimerId;

class VirtualScheduler : public core::Scheduler {
 public:
  Micros now() const override { return now_; }
  TimerId call_at(Micros when, std::function<void()> fn) override;
  void cancel(TimerId id) override;

  // Runs every event due up to `until` in time order (ties in the order they were scheduled),
  // then leaves the clock at `until`. Returns the number of events run.
  std::size_t run_until(Micros until);
  std::size_t advance(Micros delta) { return run_until(now_ + delta); }
  // Runs what is due now (events scheduled "at once" by the last action).
  std::size_t run_due() { return run_until(now_); }
  std::size_t pending() const { return queue_.size(); }
  // The time of the next event, if any.
  std::optional<Micros> next_event() const;

 private:
  using Key = std::pair<std::int64_t, std::uint64_t>;  // (time, sequence)
  Micros now_{0};
  std::uint64_t next_id_ = 1;
  std::map<Key, std::pair<TimerId, std::function<void()>>> queue_;
  std::unordered_map<TimerId, Key> index_;
};

}  // namespace hil::sim
