// Covers sim/stepper/motion_profile.h against the est_ms formula and reference kinematics, within
// tolerances.
#include "sim/stepper/motion_profile.h"

#include <gtest/gtest.h>

#include <cmath>

#include "firmware_core/stepper/motion.h"

namespace hil::sim {
namespace {

constexpr double kMsTolerance =
    1.0;  // est_ms rounds every division up: at most ~1 ms above the exact time

TEST(MotionProfile, TrapezoidMatchesTheEstimateFormula) {
  const MotionProfile profile(1200, 4000, 16000, 0);
  EXPECT_NEAR(profile.duration_s() * 1000, 550.0, 1e-6);
  EXPECT_NEAR(profile.duration_s() * 1000,
              static_cast<double>(stepper::estimate_move_ms(1200, 4000, 16000)), kMsTolerance);
  EXPECT_NEAR(profile.peak_speed(), 4000.0, 1e-9);
}

TEST(MotionProfile, TriangleMatchesTheEstimateFormula) {
  const MotionProfile profile(150, 4000, 16000, 0);
  EXPECT_LT(profile.peak_speed(), 4000.0);
  EXPECT_NEAR(profile.peak_speed(), std::sqrt(16000.0 * 150), 1e-6);
  EXPECT_NEAR(profile.duration_s() * 1000, 2000 * std::sqrt(150.0 / 16000), 1e-6);
  EXPECT_NEAR(profile.duration_s() * 1000,
              static_cast<double>(stepper::estimate_move_ms(150, 4000, 16000)), kMsTolerance);
}

TEST(MotionProfile, EstimateIsNeverBelowTheProfileAndWithinTwoAndAHalfMsAcrossASweep) {
  for (std::int64_t d : {1, 2, 10, 99, 500, 999, 1000, 1001, 2400, 3200}) {
    for (std::uint32_t v : {100u, 1000u, 4000u, 8000u}) {
      for (std::uint32_t a : {2000u, 16000u, 50000u}) {
        const MotionProfile profile(d, v, a, 0);
        const double exact_ms = profile.duration_s() * 1000;
        const auto est = static_cast<double>(stepper::estimate_move_ms(d, v, a));
        EXPECT_GE(est + 1e-6, exact_ms) << d << " " << v << " " << a;
        EXPECT_LE(est - exact_ms, 2.5) << d << " " << v << " " << a;
      }
    }
  }
}

TEST(MotionProfile, AsymmetricDecelMatchesReferenceKinematics) {
  // Trapezoid: v/(2a) + v/(2d) to ramp, the rest at cruise.
  const double v = 4000, a = 16000, dec = 4000, d = 3000;
  const MotionProfile profile(3000, v, a, dec);
  const double ramp_steps = v * v / (2 * a) + v * v / (2 * dec);
  const double expected = v / a + v / dec + (d - ramp_steps) / v;
  EXPECT_NEAR(profile.duration_s(), expected, 1e-9);
  EXPECT_GT(profile.duration_s() * 1000,
            static_cast<double>(stepper::estimate_move_ms(3000, 4000, 16000)))
      << "a slower decel takes longer than the symmetric estimate";
  EXPECT_NEAR(profile.travelled(v / a), v * v / (2 * a), 1e-6) << "end of the acceleration ramp";
}

TEST(MotionProfile, AsymmetricDecelTriangle) {
  const double a = 16000, dec = 4000, d = 500;
  const MotionProfile profile(500, 4000, a, dec);
  const double peak = std::sqrt(2 * a * dec * d / (a + dec));
  EXPECT_NEAR(profile.peak_speed(), peak, 1e-6);
  EXPECT_NEAR(profile.duration_s(), peak / a + peak / dec, 1e-9);
  EXPECT_NEAR(profile.travelled(profile.duration_s() - 1e-9), d, 1e-3);
}

TEST(MotionProfile, ZeroDecelMeansSameAsAccel) {
  const MotionProfile a(2000, 4000, 16000, 0);
  const MotionProfile b(2000, 4000, 16000, 16000);
  EXPECT_NEAR(a.duration_s(), b.duration_s(), 1e-12);
}

TEST(MotionProfile, TravelledIsMonotonicContinuousAndEndsAtTheDistance) {
  const MotionProfile profile(-2400, 4000, 16000, 8000);
  const double total = profile.duration_s();
  double last = 0;
  for (int i = 0; i <= 2000; ++i) {
    const double t = total * i / 2000.0;
    const double x = profile.travelled(t);
    EXPECT_GE(x + 1e-9, last) << t;
    EXPECT_LE(x - last, 4000 * total / 2000.0 + 1e-6) << "never faster than cruise, at " << t;
    last = x;
  }
  EXPECT_NEAR(profile.travelled(total), 2400, 1e-9) << "distance is unsigned";
  EXPECT_NEAR(profile.travelled(total + 5), 2400, 1e-9);
  EXPECT_NEAR(profile.travelled(-1), 0, 1e-12);
  EXPECT_NEAR(profile.travelled(0), 0, 1e-12);
}

TEST(MotionProfile, ZeroDistanceOrBadRatesIsAnEmptyProfile) {
  EXPECT_NEAR(MotionProfile(0, 4000, 16000, 0).duration_s(), 0, 1e-12);
  EXPECT_NEAR(MotionProfile(100, 0, 16000, 0).duration_s(), 0, 1e-12);
  EXPECT_NEAR(MotionProfile(100, 4000, 0, 0).duration_s(), 0, 1e-12);
  EXPECT_NEAR(MotionProfile().travelled(1), 0, 1e-12);
}

}  // namespace
}  // namespace hil::sim
