// A token bucket on the scheduler's clock: `burst` frames at once, then one per `interval`.
// Integer microseconds throughout, so virtual-time runs are exact.
#pragma once

#include <cstddef>

#include "firmware_core/ports/scheduler.h"

namespace hil::hvac {

class RateLimiter {
 public:
  // Starts full.
  RateLimiter(std::size_t burst, core::Micros interval, core::Micros now);

  // Takes a token if one is there.
  bool try_take(core::Micros now);
  // When try_take will next succeed: `now` if it would now.
  core::Micros next_available(core::Micros now) const;
  // Whole tokens there now.
  std::size_t available(core::Micros now) const;

 private:
  core::Micros credit_at(core::Micros now) const;

  core::Micros interval_;
  core::Micros capacity_;  // burst * interval: a full bucket
  core::Micros credit_;    // tokens times interval, as of last_
  core::Micros last_;
};

}  // namespace hil::hvac
