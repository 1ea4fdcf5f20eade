// Covers firmware_core/stepper/thermal.h: spend/refill in whole seconds, cap, floor, ttfc,
// available_s, forced sleep.
#include "firmware_core/stepper/thermal.h"

#include <gtest/gtest.h>

namespace hil::stepper {
namespace {

TEST(ThermalBudget, StartsFullAt900Tenths) {
  ThermalBudget budget;
  EXPECT_EQ(budget.tenths(), 900);
  EXPECT_EQ(budget.available_s(), 90);
  EXPECT_EQ(budget.ttfc_tenths(), 0);
  EXPECT_FALSE(budget.over_limit());
  EXPECT_EQ(ThermalBudget::kMaxBudgetS, 90);
}

TEST(ThermalBudget, AwakeSpendsTenTenthsPerWholeSecond) {
  ThermalBudget budget;
  budget.update(10000, true);
  EXPECT_EQ(budget.tenths(), 800);
}

TEST(ThermalBudget, PartialSecondsCarryOverToTheNextUpdate) {
  ThermalBudget budget;
  budget.update(999, true);
  EXPECT_EQ(budget.tenths(), 900) << "less than a second: nothing applied yet";
  budget.update(1500, true);
  EXPECT_EQ(budget.tenths(), 890) << "one whole second, 500 ms carried";
  budget.update(1999, true);
  EXPECT_EQ(budget.tenths(), 890);
  budget.update(2000, true);
  EXPECT_EQ(budget.tenths(), 880) << "the carried remainder completes the second";
}

TEST(ThermalBudget, ManySmallUpdatesEqualOneBigUpdate) {
  ThermalBudget a, b;
  for (std::int64_t t = 0; t <= 37300; t += 7) a.update(t, true);
  b.update(37300, true);
  EXPECT_EQ(a.tenths(), b.tenths());
  EXPECT_EQ(a.tenths(), 900 - 37 * 10);
}

TEST(ThermalBudget, AsleepRefillsFifteenTenthsPerSecondUpToTheCap) {
  ThermalBudget budget;
  budget.update(30000, true);
  ASSERT_EQ(budget.tenths(), 600);
  budget.update(40000, false);
  EXPECT_EQ(budget.tenths(), 750);
  budget.update(60000, false);
  EXPECT_EQ(budget.tenths(), 900) << "capped at 900";
  budget.update(1000000, false);
  EXPECT_EQ(budget.tenths(), 900);
}

TEST(ThermalBudget, FullRefillFromZeroTakesSixtySeconds) {
  ThermalBudget budget;
  budget.update(90000, true);
  ASSERT_EQ(budget.tenths(), 0);
  budget.update(149000, false);
  EXPECT_EQ(budget.tenths(), 885);
  budget.update(150000, false);
  EXPECT_EQ(budget.tenths(), 900);
}

TEST(ThermalBudget, FloorIsMinus3600Tenths) {
  ThermalBudget budget;
  budget.update(10'000'000, true);
  EXPECT_EQ(budget.tenths(), -3600);
  EXPECT_EQ(budget.available_s(), 0);
}

TEST(ThermalBudget, TimeGoingBackwardsIsIgnored) {
  ThermalBudget budget;
  budget.update(5000, true);
  budget.update(3000, true);
  EXPECT_EQ(budget.tenths(), 850);
  budget.update(6000, true);
  EXPECT_EQ(budget.tenths(), 840);
}

TEST(ThermalBudget, AvailableSecondsIsIntegerDivisionAndZeroWhenNegative) {
  ThermalBudget budget;
  budget.update(85000, true);  // 50 tenths
  EXPECT_EQ(budget.available_s(), 5);
  budget.update(89000, true);  // 10
  EXPECT_EQ(budget.available_s(), 1);
  budget.update(90000, true);  // 0
  EXPECT_EQ(budget.available_s(), 0);
  budget.update(93000, true);  // -30
  EXPECT_EQ(budget.tenths(), -30);
  EXPECT_EQ(budget.available_s(), 0);
}

TEST(ThermalBudget, TimeToFullCoolRoundsUpInTenthsAndCapsAt3000) {
  ThermalBudget budget;
  budget.update(85000, true);  // 50 tenths: ceil(850 * 10 / 15) = 567
  EXPECT_EQ(budget.ttfc_tenths(), 567);
  budget.update(90000, true);  // 0: 900 * 10 / 15 = 600 exactly
  EXPECT_EQ(budget.ttfc_tenths(), 600);
  budget.update(91000, true);  // -10: ceil(9100/15) = 607
  EXPECT_EQ(budget.ttfc_tenths(), 607);
  budget.update(10'000'000, true);  // -3600: 4500*10/15 = 3000
  EXPECT_EQ(budget.ttfc_tenths(), 3000);
}

TEST(ThermalBudget, ForcedSleepLineIsStrictlyBelowMinus50) {
  ThermalBudget budget;
  budget.update(95000, true);
  EXPECT_EQ(budget.tenths(), -50);
  EXPECT_FALSE(budget.over_limit());
  budget.update(96000, true);
  EXPECT_EQ(budget.tenths(), -60);
  EXPECT_TRUE(budget.over_limit());
}

TEST(ThermalBudget, ForcedSleepDueIsTheFirstSecondBelowTheLine) {
  ThermalBudget full;
  EXPECT_EQ(full.forced_sleep_due_ms(), 96000);
  ThermalBudget budget;
  budget.update(10500, true);  // 800 tenths, last update at 10000
  EXPECT_EQ(budget.forced_sleep_due_ms(), 10000 + 86000);
  // Check the prediction by simulating it.
  ThermalBudget sim = budget;
  sim.update(budget.forced_sleep_due_ms() - 1, true);
  EXPECT_FALSE(sim.over_limit());
  sim.update(budget.forced_sleep_due_ms(), true);
  EXPECT_TRUE(sim.over_limit());
}

TEST(ThermalBudget, ForcedSleepDueIsNowWhenAlreadyOverTheLine) {
  ThermalBudget budget;
  budget.update(100000, true);
  ASSERT_TRUE(budget.over_limit());
  EXPECT_EQ(budget.forced_sleep_due_ms(), 100000);
}

}  // namespace
}  // namespace hil::stepper
