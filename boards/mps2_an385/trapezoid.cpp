// Trapezoidal motion.
#include "boards/mps2_an385/trapezoid.h"

#include <cmath>

namespace hil::board {

Trapezoid::Trapezoid(std::uint32_t steps, std::uint32_t speed, std::uint32_t accel,
                     std::uint32_t decel)
    : steps_(steps), accel_(accel), decel_(decel != 0 ? decel : accel) {
  if (steps == 0 || speed == 0 || accel == 0) return;
  const double v = speed;
  const double ramps = v * v / (2 * accel_) + v * v / (2 * decel_);
  // Too short to reach cruise speed: the ramps meet at the speed that covers the distance.
  top_speed_ = ramps <= steps_ ? v : std::sqrt(2 * accel_ * decel_ * steps_ / (accel_ + decel_));
  accel_s_ = top_speed_ / accel_;
  cruise_s_ = ramps <= steps_ ? (steps_ - ramps) / v : 0;
  const double total_s = accel_s_ + cruise_s_ + top_speed_ / decel_;
  duration_us_ = static_cast<std::int64_t>(std::ceil(total_s * 1e6));
}

std::uint32_t Trapezoid::steps_at(std::int64_t t_us) const {
  if (t_us <= 0 || top_speed_ <= 0) return 0;
  if (t_us >= duration_us_) return static_cast<std::uint32_t>(steps_);
  const double t = static_cast<double>(t_us) / 1e6;
  const double ramp_up = 0.5 * accel_ * accel_s_ * accel_s_;
  double done = 0;
  if (t < accel_s_) {
    done = 0.5 * accel_ * t * t;
  } else if (t < accel_s_ + cruise_s_) {
    done = ramp_up + top_speed_ * (t - accel_s_);
  } else {
    const double braking = t - accel_s_ - cruise_s_;
    done =
        ramp_up + top_speed_ * cruise_s_ + top_speed_ * braking - 0.5 * decel_ * braking * braking;
  }
  return static_cast<std::uint32_t>(std::floor(done));
}

}  // namespace hil::board
