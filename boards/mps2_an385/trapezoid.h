// A rest-to-rest move with constant acceleration, cruise and constant deceleration: the steps the
// generator has issued after a given time.
#pragma once

#include <cstdint>

namespace hil::board {

class Trapezoid {
 public:
  Trapezoid() = default;
  // `decel` of 0 decelerates as it accelerates.
  Trapezoid(std::uint32_t steps, std::uint32_t speed, std::uint32_t accel, std::uint32_t decel);

  // The whole move, rounded up to the microsecond.
  std::int64_t duration_us() const { return duration_us_; }
  // Steps issued `t_us` after the start (all of them once the move is over).
  std::uint32_t steps_at(std::int64_t t_us) const;

 private:
  double steps_ = 0, accel_ = 1, decel_ = 1, top_speed_ = 0;
  double accel_s_ = 0, cruise_s_ = 0;
  std::int64_t duration_us_ = 0;
};

}  // namespace hil::board
