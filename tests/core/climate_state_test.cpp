// Covers firmware_core/ir/climate_state.h: names, HA's hvac mode, fan levels, swing, range checks.
#include "firmware_core/ir/climate_state.h"

#include <gtest/gtest.h>

#include <limits>

namespace hil::ir {
namespace {

TEST(ClimateNames, EveryModeRoundTripsThroughItsName) {
  for (const Mode mode : kAllModes) {
    const auto parsed = parse_mode(to_string(mode));
    ASSERT_TRUE(parsed.ok()) << parsed.error();
    EXPECT_EQ(*parsed, mode);
  }
  EXPECT_EQ(to_string(Mode::kFanOnly), "fan_only");
}

TEST(ClimateNames, EveryFanSpeedRoundTripsThroughItsName) {
  for (const FanSpeed fan : kAllFanSpeeds) {
    const auto parsed = parse_fan_speed(to_string(fan));
    ASSERT_TRUE(parsed.ok()) << parsed.error();
    EXPECT_EQ(*parsed, fan);
  }
  EXPECT_EQ(to_string(FanSpeed::k3), "3");
}

TEST(ClimateNames, EverySwingRoundTripsThroughItsName) {
  for (const Swing swing : kAllSwings) {
    const auto parsed = parse_swing(to_string(swing));
    ASSERT_TRUE(parsed.ok()) << parsed.error();
    EXPECT_EQ(*parsed, swing);
  }
}

TEST(ClimateNames, UnknownNamesSayWhatIsValid) {
  EXPECT_EQ(parse_mode("warm").error(),
            "\"warm\" is not a valid mode (auto, cool, heat, dry, fan_only)");
  EXPECT_EQ(parse_fan_speed("6").error(),
            "\"6\" is not a valid fan mode (auto, quiet, 1, 2, 3, 4, 5)");
  EXPECT_EQ(parse_swing("diagonal").error(),
            "\"diagonal\" is not a valid swing mode (off, vertical, horizontal, both)");
}

TEST(ClimateNames, ParsingIsExactAsHomeAssistantSendsNames) {
  EXPECT_FALSE(parse_mode("Cool").ok());
  EXPECT_FALSE(parse_mode(" cool").ok());
  EXPECT_FALSE(parse_mode("").ok());
  EXPECT_FALSE(parse_mode("off").ok()) << "off is the power, not a mode";
  EXPECT_FALSE(parse_fan_speed("0").ok());
}

TEST(ClimateHvacMode, OffIsThePowerAndKeepsTheMode) {
  ClimateState state;
  state.power = true;
  state.mode = Mode::kHeat;
  const auto off = with_hvac_mode(state, "off");
  ASSERT_TRUE(off.ok());
  EXPECT_FALSE(off->power);
  EXPECT_EQ(off->mode, Mode::kHeat);
  EXPECT_EQ(hvac_mode(*off), "off");
}

TEST(ClimateHvacMode, AModePowersOn) {
  const auto dry = with_hvac_mode(ClimateState{}, "dry");
  ASSERT_TRUE(dry.ok());
  EXPECT_TRUE(dry->power);
  EXPECT_EQ(dry->mode, Mode::kDry);
  EXPECT_EQ(hvac_mode(*dry), "dry");
}

TEST(ClimateHvacMode, UnknownModeListsOffToo) {
  EXPECT_EQ(with_hvac_mode(ClimateState{}, "turbo").error(),
            "\"turbo\" is not a valid hvac mode (off, auto, cool, heat, dry, fan_only)");
}

TEST(ClimateFan, LevelsOneToFive) {
  for (int level = 1; level <= 5; ++level) {
    const auto fan = fan_speed_for_level(level);
    ASSERT_TRUE(fan.has_value());
    EXPECT_EQ(fan_level(*fan), level);
  }
  EXPECT_FALSE(fan_speed_for_level(0).has_value());
  EXPECT_FALSE(fan_speed_for_level(6).has_value());
  EXPECT_FALSE(fan_level(FanSpeed::kAuto).has_value());
  EXPECT_FALSE(fan_level(FanSpeed::kQuiet).has_value());
}

TEST(ClimateSwing, AxesComposeAndDecompose) {
  for (const Swing swing : kAllSwings) {
    EXPECT_EQ(swing_from(swings_vertically(swing), swings_horizontally(swing)), swing);
  }
  EXPECT_TRUE(swings_vertically(Swing::kBoth));
  EXPECT_TRUE(swings_horizontally(Swing::kBoth));
  EXPECT_FALSE(swings_horizontally(Swing::kVertical));
}

constexpr TemperatureRange kHalfDegrees{10.0, 32.0, 0.5};
constexpr TemperatureRange kWholeDegrees{10.0, 32.0, 1.0};

TEST(ClimateTemperature, AcceptsTheWholeRangeInSteps) {
  for (double c = 10.0; c <= 32.0; c += 0.5)
    EXPECT_TRUE(check_temperature(c, kHalfDegrees).ok()) << c;
  for (double c = 10.0; c <= 32.0; c += 1.0)
    EXPECT_TRUE(check_temperature(c, kWholeDegrees).ok()) << c;
}

TEST(ClimateTemperature, RejectsOutOfRangeWithTheRange) {
  EXPECT_EQ(check_temperature(33, kHalfDegrees).error(),
            "temperature 33 C is out of range 10..32 C");
  EXPECT_EQ(check_temperature(9.5, kHalfDegrees).error(),
            "temperature 9.5 C is out of range 10..32 C");
}

TEST(ClimateTemperature, RejectsValuesBetweenSteps) {
  EXPECT_EQ(check_temperature(21.5, kWholeDegrees).error(),
            "temperature 21.5 C is not a multiple of 1 C");
  EXPECT_EQ(check_temperature(21.3, kHalfDegrees).error(),
            "temperature 21.3 C is not a multiple of 0.5 C");
}

TEST(ClimateTemperature, RejectsNotANumber) {
  EXPECT_EQ(check_temperature(std::numeric_limits<double>::quiet_NaN(), kHalfDegrees).error(),
            "temperature nan C is not a number");
  EXPECT_FALSE(check_temperature(std::numeric_limits<double>::infinity(), kHalfDegrees).ok());
}

TEST(ClimateValidated, PassesAGoodStateThrough) {
  ClimateState state;
  state.power = true;
  state.target_c = 21.5;
  const auto checked = validated(state, kHalfDegrees);
  ASSERT_TRUE(checked.ok()) << checked.error();
  EXPECT_EQ(*checked, state);
}

TEST(ClimateValidated, RejectsEnumsOutOfRange) {
  ClimateState state;
  state.mode = static_cast<Mode>(9);
  EXPECT_EQ(validated(state, kHalfDegrees).error(), "mode 9 is not a valid mode");
  state = ClimateState{};
  state.fan = static_cast<FanSpeed>(7);
  EXPECT_EQ(validated(state, kHalfDegrees).error(), "fan mode 7 is not a valid fan mode");
  state = ClimateState{};
  state.swing = static_cast<Swing>(4);
  EXPECT_EQ(validated(state, kHalfDegrees).error(), "swing mode 4 is not a valid swing mode");
}

TEST(ClimateValidated, ReportsTheTemperatureProblem) {
  ClimateState state;
  state.target_c = 40;
  EXPECT_EQ(validated(state, kHalfDegrees).error(), "temperature 40 C is out of range 10..32 C");
}

TEST(ClimateText, DescribesTheState) {
  ClimateState state;
  state.power = true;
  state.mode = Mode::kFanOnly;
  state.target_c = 25.5;
  state.fan = FanSpeed::kQuiet;
  state.swing = Swing::kBoth;
  EXPECT_EQ(to_string(state), "power on, mode fan_only, 25.5 C, fan quiet, swing both");
  EXPECT_EQ(format_celsius(21.0), "21");
}

TEST(ClimateState, EqualityLooksAtEveryField) {
  const ClimateState base;
  ClimateState other = base;
  EXPECT_EQ(other, base);
  other.power = true;
  EXPECT_NE(other, base);
  other = base;
  other.target_c = 24.5;
  EXPECT_NE(other, base);
  other = base;
  other.swing = Swing::kVertical;
  EXPECT_NE(other, base);
}

}  // namespace
}  // namespace hil::ir
