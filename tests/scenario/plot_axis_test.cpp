// Tests of the plots' scales: ranges that fit the data, 1-2-5 ticks, time units.
#include "bench/scenario/plot_axis.h"

#include <gtest/gtest.h>

namespace hil::scenario {
namespace {

TEST(PlotAxis, StepsAreOneTwoOrFiveTimesAPowerOfTenGivingAboutTheCountAskedFor) {
  EXPECT_DOUBLE_EQ(nice_step(10, 10), 1);
  EXPECT_DOUBLE_EQ(nice_step(11, 10), 1);
  EXPECT_DOUBLE_EQ(nice_step(19.5, 10), 2);
  EXPECT_DOUBLE_EQ(nice_step(30, 10), 2);
  EXPECT_DOUBLE_EQ(nice_step(60, 10), 5);
  EXPECT_DOUBLE_EQ(nice_step(10.4, 5), 2) << "five parts and a bit, not two of 5";
  EXPECT_DOUBLE_EQ(nice_step(3400, 5), 500);
  EXPECT_DOUBLE_EQ(nice_step(4200, 5), 1000);
  EXPECT_DOUBLE_EQ(nice_step(2.9, 5), 0.5);
  EXPECT_NEAR(nice_step(0.3, 3), 0.1, 1e-12) << "0.3 / 3 is a step of 0.1 despite rounding";
  EXPECT_NEAR(nice_step(0.012, 5), 0.002, 1e-12);
  EXPECT_DOUBLE_EQ(nice_step(0, 5), 1) << "an empty span still gets a step";
}

TEST(PlotAxis, TicksAreTheStepsMultiplesInsideTheRange) {
  const Ticks ticks = nice_ticks({24.6, 27.4}, 3);
  EXPECT_DOUBLE_EQ(ticks.step, 1);
  EXPECT_EQ(ticks.values, (std::vector<double>{25, 26, 27}));

  const Ticks tenths = nice_ticks({-0.05, 0.32}, 4);
  EXPECT_NEAR(tenths.step, 0.1, 1e-12);
  ASSERT_EQ(tenths.values.size(), 4u);
  EXPECT_DOUBLE_EQ(tenths.values[0], 0);
  EXPECT_NEAR(tenths.values[3], 0.3, 1e-12);

  const Ticks negative = nice_ticks({-3400, 250}, 5);
  EXPECT_DOUBLE_EQ(negative.step, 1000);
  EXPECT_EQ(negative.values, (std::vector<double>{-3000, -2000, -1000, 0}));
}

TEST(PlotAxis, ARoomCoolingFrom27To25FillsTheAxisWithAMargin) {
  // Regression: the report's axis ran from 0 to the highest value, so 27 -> 25 C was a flat line
  // against the top of the frame.
  const AxisRange range = value_range(25, 27);
  EXPECT_LT(range.low, 25);
  EXPECT_GT(range.low, 24.5);
  EXPECT_GT(range.high, 27);
  EXPECT_LT(range.high, 27.5);
  const Ticks ticks = nice_ticks(range, 5);
  EXPECT_GE(ticks.values.size(), 3u);
  for (const double value : ticks.values) {
    EXPECT_GE(value, range.low);
    EXPECT_LE(value, range.high);
  }
}

TEST(PlotAxis, ConstantDataSitsInTheMiddle) {
  const AxisRange thirty = value_range(30, 30);
  EXPECT_DOUBLE_EQ((thirty.low + thirty.high) / 2, 30);
  EXPECT_GT(thirty.high - thirty.low, 1);
  const AxisRange zero = value_range(0, 0);
  EXPECT_DOUBLE_EQ(zero.low, -1);
  EXPECT_DOUBLE_EQ(zero.high, 1);
  const AxisRange negative = value_range(-3000, -3000);
  EXPECT_DOUBLE_EQ((negative.low + negative.high) / 2, -3000);
  EXPECT_GT(negative.high, negative.low);
}

TEST(PlotAxis, LabelsShowTheDecimalsTheStepNeeds) {
  EXPECT_EQ(tick_label(25, 1), "25");
  EXPECT_EQ(tick_label(-3000, 1000), "-3000");
  EXPECT_EQ(tick_label(0.5, 0.5), "0.5");
  EXPECT_EQ(tick_label(0.30000000000000004, 0.1), "0.3");
  EXPECT_EQ(tick_label(0.04, 0.02), "0.04");
  EXPECT_EQ(tick_label(-1e-17, 0.1), "0.0") << "no negative zero";
}

TEST(PlotAxis, TimeTicksUseAUnitThatFitsTheRun) {
  EXPECT_EQ(time_unit(1.5e6).name, "ms");
  EXPECT_EQ(time_unit(11.8e6).name, "s");
  EXPECT_EQ(time_unit(1170e6).name, "min");
  EXPECT_EQ(time_unit(24 * 3600e6).name, "h");

  const TimeTicks seconds = time_ticks(11.8e6, 8);
  EXPECT_EQ(seconds.unit.name, "s");
  EXPECT_EQ(seconds.ticks.values, (std::vector<double>{0, 2, 4, 6, 8, 10}));

  const TimeTicks minutes = time_ticks(1170e6, 8);  // 19.5 min
  EXPECT_EQ(minutes.unit.name, "min");
  EXPECT_EQ(minutes.ticks.values.front(), 0);
  EXPECT_DOUBLE_EQ(minutes.ticks.step, 2);
  EXPECT_DOUBLE_EQ(minutes.ticks.values.back(), 18);

  const TimeTicks millis = time_ticks(550e3, 8);
  EXPECT_EQ(millis.unit.name, "ms");
  EXPECT_DOUBLE_EQ(millis.ticks.step, 50);
  EXPECT_DOUBLE_EQ(millis.ticks.values.back(), 550);

  const TimeTicks hours = time_ticks(24 * 3600e6, 8);
  EXPECT_DOUBLE_EQ(hours.ticks.step, 2);
  EXPECT_DOUBLE_EQ(hours.ticks.values.back(), 24);
}

}  // namespace
}  // namespace hil::scenario
