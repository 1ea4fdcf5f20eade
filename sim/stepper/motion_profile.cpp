// Rest-to-rest trapezoidal motion.
#include "sim/stepper/motion_profile.h"

#include <cmath>

namespace hil::sim {

MotionProfile::MotionProfile(std::int64_t distance_steps, double speed_sps, double accel_sps2,
                             double decel_sps2)
    : distance_(static_cast<double>(distance_steps < 0 ? -distance_steps : distance_steps)),
      accel_(accel_sps2),
      decel_(decel_sps2 > 0 ? decel_sps2 : accel_sps2) {
  if (distance_ <= 0 || speed_sps <= 0 || accel_ <= 0) return;
  const double ramp_steps =
      speed_sps * speed_sps / (2 * accel_) + speed_sps * speed_sps / (2 * decel_);
  if (ramp_steps <= distance_) {
    v_peak_ = speed_sps;
    t_cruise_ = (distance_ - ramp_steps) / speed_sps;
  } else {  // a triangle: the move ends before reaching cruise speed
    v_peak_ = std::sqrt(2 * accel_ * decel_ * distance_ / (accel_ + decel_));
  }
  t_accel_ = v_peak_ / accel_;
  t_decel_ = v_peak_ / decel_;
}

double MotionProfile::travelled(double t) const {
  if (t <= 0 || v_peak_ <= 0) return 0;
  if (t >= duration_s()) return distance_;
  if (t < t_accel_) return 0.5 * accel_ * t * t;
  const double after_accel = 0.5 * accel_ * t_accel_ * t_accel_;
  if (t < t_accel_ + t_cruise_) return after_accel + v_peak_ * (t - t_accel_);
  const double td = t - t_accel_ - t_cruise_;
  return after_accel + v_peak_ * t_cruise_ + v_peak_ * td - 0.5 * decel_ * td * td;
}

}  // namespace hil::sim
