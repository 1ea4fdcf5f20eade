// The clock and timer port: the only way the core learns the time or waits.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace hil::core {

// Time since the device booted. Microseconds so that step timing stays exact.
using Micros = std::chrono::microseconds;
using TimerId = std::uint64_t;

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  // The current time; never goes backwards.
  virtual Micros now() const = 0;
  // Runs fn once at `when` (or as soon as possible if `when` has passed). Never returns 0.
  virtual TimerId call_at(Micros when, std::function<void()> fn) = 0;
  // Forgets a pending timer; unknown or already-fired ids are ignored.
  virtual void cancel(TimerId id) = 0;
};

// Cancels `timer` if one is pending and marks it as none (0), as timer-holding classes do.
inline void cancel_timer(Scheduler& scheduler, TimerId& timer) {
  if (timer != 0) scheduler.cancel(timer);
  timer = 0;
}

inline std::int64_t to_ms(Micros t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t).count();
}

}  // namespace hil::core
