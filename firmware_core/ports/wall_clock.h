// The calendar clock port: what a message's timestamp says (Unix time). The scheduler's clock
// counts from boot and is the one to time things by; this one may jump.
#pragma once

namespace hil::core {

class WallClock {
 public:
  virtual ~WallClock() = default;
  // Seconds since 1970-01-01 UTC, with a fraction.
  virtual double unix_seconds() const = 0;
};

}  // namespace hil::core
