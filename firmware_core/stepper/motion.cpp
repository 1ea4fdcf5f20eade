// The stepper node's move-time estimate, as the firmware computes it.
#include "firmware_core/stepper/motion.h"

namespace hil::stepper {
namespace {

std::uint64_t ceil_div(std::uint64_t num, std::uint64_t den) { return (num + den - 1) / den; }

}  // namespace

std::uint64_t ceil_sqrt(std::uint64_t n) {
  std::uint64_t lo = 0, hi = 1ULL << 32;
  while (lo < hi) {  // binary search for the smallest r with r*r >= n
    const std::uint64_t mid = lo + (hi - lo) / 2;
    if (mid * mid >= n) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

std::int64_t estimate_move_ms(std::int64_t distance_steps, std::uint32_t speed_sps,
                              std::uint32_t accel_sps2) {
  // Negate in unsigned arithmetic: -INT64_MIN is undefined behaviour.
  const std::uint64_t d = distance_steps < 0 ? 0 - static_cast<std::uint64_t>(distance_steps)
                                             : static_cast<std::uint64_t>(distance_steps);
  if (d == 0 || speed_sps == 0 || accel_sps2 == 0) return 0;
  const std::uint64_t v = speed_sps, a = accel_sps2;
  if (d >= ceil_div(v * v, a)) {
    return static_cast<std::int64_t>(ceil_div(d * 1000, v) + ceil_div(v * 1000, a));
  }
  return static_cast<std::int64_t>(2 * ceil_sqrt(ceil_div(d * 1000000, a)));
}

std::int64_t estimate_home_ms(const HomeGeometry& home, std::uint32_t speed_sps,
                              std::uint32_t accel_sps2) {
  const std::int64_t into_stop =
      static_cast<std::int64_t>(home.full_range_steps) + home.overshoot_steps;
  return estimate_move_ms(into_stop, speed_sps, accel_sps2) +
         estimate_move_ms(home.backoff_steps, speed_sps, accel_sps2) +
         estimate_move_ms(home.full_range_steps / 2, speed_sps, accel_sps2);
}

}  // namespace hil::stepper
