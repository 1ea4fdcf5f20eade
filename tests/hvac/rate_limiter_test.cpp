// The token bucket: a burst at once, then one per interval, exact in integer microseconds.
#include "firmware_core/hvac/rate_limiter.h"

#include <gtest/gtest.h>

namespace hil::hvac {
namespace {

using std::chrono::milliseconds;

TEST(RateLimiter, ThreeAtOnceThenOnePerSecond) {
  RateLimiter limiter(3, milliseconds(1000), milliseconds(0));
  EXPECT_EQ(limiter.available(milliseconds(0)), 3u);
  EXPECT_TRUE(limiter.try_take(milliseconds(0)));
  EXPECT_TRUE(limiter.try_take(milliseconds(0)));
  EXPECT_TRUE(limiter.try_take(milliseconds(0)));
  EXPECT_FALSE(limiter.try_take(milliseconds(0)));
  EXPECT_EQ(limiter.next_available(milliseconds(0)), milliseconds(1000));
  EXPECT_FALSE(limiter.try_take(milliseconds(999)));
  EXPECT_EQ(limiter.next_available(milliseconds(999)), milliseconds(1000));
  EXPECT_TRUE(limiter.try_take(milliseconds(1000)));
  EXPECT_FALSE(limiter.try_take(milliseconds(1500)));
  EXPECT_TRUE(limiter.try_take(milliseconds(2000)));
}

TEST(RateLimiter, RefillsToTheBurstAndNoFurther) {
  RateLimiter limiter(3, milliseconds(1000), milliseconds(0));
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(limiter.try_take(milliseconds(0)));
  EXPECT_EQ(limiter.available(milliseconds(2500)), 2u);
  EXPECT_EQ(limiter.available(milliseconds(60'000)), 3u) << "an idle minute is still a burst of 3";
  int taken = 0;
  while (limiter.try_take(milliseconds(60'000))) ++taken;
  EXPECT_EQ(taken, 3);
}

TEST(RateLimiter, PartialCreditCarriesOver) {
  RateLimiter limiter(1, milliseconds(1000), milliseconds(0));
  ASSERT_TRUE(limiter.try_take(milliseconds(0)));
  EXPECT_FALSE(limiter.try_take(milliseconds(600)));
  EXPECT_EQ(limiter.next_available(milliseconds(600)), milliseconds(1000))
      << "a refused try does not reset the credit";
  EXPECT_TRUE(limiter.try_take(milliseconds(1000)));
  EXPECT_EQ(limiter.next_available(milliseconds(1000)), milliseconds(2000));
}

TEST(RateLimiter, SustainedRateIsOnePerInterval) {
  RateLimiter limiter(3, milliseconds(1000), milliseconds(0));
  int taken = 0;
  for (int ms = 0; ms <= 10'000; ms += 50) taken += limiter.try_take(milliseconds(ms)) ? 1 : 0;
  EXPECT_EQ(taken, 3 + 10);
}

}  // namespace
}  // namespace hil::hvac
