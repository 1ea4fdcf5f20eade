// The stepper node's move-time estimate (est_ms): integer maths, every division rounded up.
#pragma once

#include <cstdint>

namespace hil::stepper {

// Smallest r with r*r >= n.
std::uint64_t ceil_sqrt(std::uint64_t n);

// Estimated milliseconds to travel `distance_steps` from rest to rest at cruise speed
// `speed_sps` with acceleration `accel_sps2` (both > 0): a trapezoid, or a triangle when the
// move is too short to reach cruise speed.
std::int64_t estimate_move_ms(std::int64_t distance_steps, std::uint32_t speed_sps,
                              std::uint32_t accel_sps2);

struct HomeGeometry {
  std::int32_t overshoot_steps = 800;
  std::int32_t backoff_steps = 125;
  std::int32_t full_range_steps = 2400;
};

// HOME runs three legs: into the bump stop, back off, then to the middle of the range.
std::int64_t estimate_home_ms(const HomeGeometry& home, std::uint32_t speed_sps,
                              std::uint32_t accel_sps2);

}  // namespace hil::stepper
