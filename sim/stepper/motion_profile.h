// Rest-to-rest trapezoidal motion (accelerate, cruise, decelerate) as a function of time.
#pragma once

#include <cstdint>

namespace hil::sim {

class MotionProfile {
 public:
  MotionProfile() = default;
  // `decel_sps2` of 0 means the same as `accel_sps2`.
  MotionProfile(std::int64_t distance_steps, double speed_sps, double accel_sps2,
                double decel_sps2);

  double duration_s() const { return t_accel_ + t_cruise_ + t_decel_; }
  // Steps travelled after `t_s` seconds (0 before, the whole distance after the end).
  double travelled(double t_s) const;
  double peak_speed() const { return v_peak_; }

 private:
  double distance_ = 0, accel_ = 1, decel_ = 1, v_peak_ = 0;
  double t_accel_ = 0, t_cruise_ = 0, t_decel_ = 0;
};

}  // namespace hil::sim
