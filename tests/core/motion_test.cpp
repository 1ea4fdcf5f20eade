// Covers firmware_core/stepper/motion.h: the est_ms formula (trapezoid, triangle, d=0, HOME) and
// ceil_sqrt.
#include "firmware_core/stepper/motion.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace hil::stepper {
namespace {

TEST(CeilSqrt, SmallestRootWhoseSquareIsAtLeastN) {
  EXPECT_EQ(ceil_sqrt(0), 0u);
  EXPECT_EQ(ceil_sqrt(1), 1u);
  EXPECT_EQ(ceil_sqrt(2), 2u);
  EXPECT_EQ(ceil_sqrt(4), 2u);
  EXPECT_EQ(ceil_sqrt(5), 3u);
  EXPECT_EQ(ceil_sqrt(9375), 97u);  // 96^2 = 9216 < 9375 <= 9409
  EXPECT_EQ(ceil_sqrt(9409), 97u);
  EXPECT_EQ(ceil_sqrt(9410), 98u);
}

TEST(CeilSqrt, ExhaustiveAgainstDefinitionUpTo100000) {
  for (std::uint64_t n = 0; n <= 100000; ++n) {
    const std::uint64_t r = ceil_sqrt(n);
    ASSERT_GE(r * r, n) << n;
    if (r > 0) {
      ASSERT_LT((r - 1) * (r - 1), n) << n;
    }
  }
}

TEST(CeilSqrt, LargeValuesNearTheTopOfTheRange) {
  EXPECT_EQ(ceil_sqrt(1ULL << 62), 1ULL << 31);
  EXPECT_EQ(ceil_sqrt((1ULL << 62) + 1), (1ULL << 31) + 1);
  const std::uint64_t r = 4294967295ULL;  // 2^32 - 1
  EXPECT_EQ(ceil_sqrt(r * r), r);
}

TEST(EstimateMove, SchemaExampleZeroTo1200Is550ms) {
  // 1200 >= ceil(4000^2/16000) = 1000: ceil(1200*1000/4000) + ceil(4000*1000/16000) = 300 + 250.
  EXPECT_EQ(estimate_move_ms(1200, 4000, 16000), 550);
}

TEST(EstimateMove, DirectionDoesNotMatter) {
  EXPECT_EQ(estimate_move_ms(-1200, 4000, 16000), 550);
  EXPECT_EQ(estimate_move_ms(-150, 4000, 16000), estimate_move_ms(150, 4000, 16000));
}

TEST(EstimateMove, ZeroDistanceIsZero) {
  EXPECT_EQ(estimate_move_ms(0, 4000, 16000), 0);
  EXPECT_EQ(estimate_move_ms(0, 1, 1), 0);
}

TEST(EstimateMove, TriangleWhenTooShortToReachCruise) {
  // 150 < 1000: 2 * ceil_sqrt(ceil(150e6 / 16000) = 9375) = 2 * 97.
  EXPECT_EQ(estimate_move_ms(150, 4000, 16000), 194);
  // 125: ceil(125e6/16000) = 7813 -> ceil_sqrt = 89 -> 178.
  EXPECT_EQ(estimate_move_ms(125, 4000, 16000), 178);
  // 1 step: ceil(1e6/16000) = 63 -> 8 -> 16.
  EXPECT_EQ(estimate_move_ms(1, 4000, 16000), 16);
}

TEST(EstimateMove, TrapezoidExactlyAtTheThreshold) {
  // d == ceil(v*v/a) = 1000 takes the trapezoid branch: 250 + 250.
  EXPECT_EQ(estimate_move_ms(1000, 4000, 16000), 500);
  // d = 999 is a triangle: 2 * ceil_sqrt(ceil(999e6/16000) = 62438) = 2 * 250.
  EXPECT_EQ(estimate_move_ms(999, 4000, 16000), 500);
}

TEST(EstimateMove, EveryDivisionRoundsUp) {
  // v*v/a = 10000/16000 -> ceil 1; ceil(1200000/100) + ceil(100000/16000) = 12000 + 7.
  EXPECT_EQ(estimate_move_ms(1200, 100, 16000), 12007);
  // ceil(1000*1000/3) = 333334, ceil(3*1000/16000) = 1.
  EXPECT_EQ(estimate_move_ms(1000, 3, 16000), 333335);
  // ceil(1200*1000/1000) + ceil(1000*1000/16000 = 62.5) = 1200 + 63.
  EXPECT_EQ(estimate_move_ms(1200, 1000, 16000), 1263);
}

TEST(EstimateMove, ExtremeRatesDoNotOverflow) {
  // v*v/a = v > 2400: a triangle, 2 * ceil_sqrt(ceil(2.4e9 / 2147483647) = 2) = 4.
  EXPECT_EQ(estimate_move_ms(2400, 0x7FFFFFFF, 0x7FFFFFFF), 4);
  EXPECT_GT(estimate_move_ms(2400, 1, 1), 2400000);
}

// Regression: the distance was made positive with a signed negation, undefined for INT64_MIN.
TEST(EstimateMove, MostNegativeDistanceIsHandledInUnsignedArithmetic) {
  EXPECT_EQ(estimate_move_ms(INT64_MIN + 1, 4000, 16000), estimate_move_ms(INT64_MAX, 4000, 16000));
  EXPECT_GT(estimate_move_ms(INT64_MIN, 4000, 16000), 0);
}

TEST(EstimateHome, SumOfThreeLegs) {
  HomeGeometry home;  // 800 / 125 / 2400
  // est(3200) + est(125) + est(1200) = (800 + 250) + 178 + 550.
  EXPECT_EQ(estimate_home_ms(home, 4000, 16000), 1778);
  home.overshoot_steps = 600;
  home.backoff_steps = 150;
  // est(3000) + est(150) + est(1200) = 1000 + 194 + 550.
  EXPECT_EQ(estimate_home_ms(home, 4000, 16000), 1744);
}

TEST(EstimateHome, OddFullRangeHalvesDownward) {
  HomeGeometry home{0, 0, 2401};
  EXPECT_EQ(estimate_home_ms(home, 4000, 16000),
            estimate_move_ms(2401, 4000, 16000) + estimate_move_ms(1200, 4000, 16000));
}

}  // namespace
}  // namespace hil::stepper
