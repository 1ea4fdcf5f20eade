// Token bucket arithmetic.
#include "firmware_core/hvac/rate_limiter.h"

#include <algorithm>

namespace hil::hvac {

RateLimiter::RateLimiter(std::size_t burst, core::Micros interval, core::Micros now)
    : interval_(interval),
      capacity_(interval * static_cast<core::Micros::rep>(burst)),
      credit_(capacity_),
      last_(now) {}

core::Micros RateLimiter::credit_at(core::Micros now) const {
  return std::min(capacity_, credit_ + std::max(core::Micros(0), now - last_));
}

bool RateLimiter::try_take(core::Micros now) {
  credit_ = credit_at(now);
  last_ = std::max(last_, now);
  if (credit_ < interval_) return false;
  credit_ -= interval_;
  return true;
}

core::Micros RateLimiter::next_available(core::Micros now) const {
  const core::Micros credit = credit_at(now);
  return credit >= interval_ ? now : now + (interval_ - credit);
}

std::size_t RateLimiter::available(core::Micros now) const {
  return static_cast<std::size_t>(credit_at(now) / interval_);
}

}  // namespace hil::hvac
