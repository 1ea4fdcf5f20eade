// Parsing and checking HA's climate commands: the spec's JSON, HA's raw values, every bad input.
#include "firmware_core/hvac/climate_command.h"

#include <gtest/gtest.h>

#include "firmware_core/ir/daikin.h"
#include "firmware_core/ir/daikin312.h"

namespace hil::hvac {
namespace {

const ir::TemperatureRange kDaikinHa{16.0, 32.0, 1.0};
const ir::TemperatureRange kDaikin312Ha{16.0, 32.0, 0.5};

ClimateCommand ok(std::string_view payload, const ir::TemperatureRange& range = kDaikinHa) {
  const auto parsed = parse_climate_command(payload, range);
  EXPECT_TRUE(parsed.ok()) << payload << ": " << parsed.error();
  return parsed.ok() ? *parsed : ClimateCommand{};
}

std::string error(std::string_view payload, const ir::TemperatureRange& range = kDaikinHa) {
  const auto parsed = parse_climate_command(payload, range);
  EXPECT_FALSE(parsed.ok()) << payload << " was accepted";
  return parsed.error();
}

TEST(ClimateCommand, SpecSetTemperature) {
  const auto command = ok(R"({"temperature": 21.0})");
  ASSERT_TRUE(command.temperature_c);
  EXPECT_DOUBLE_EQ(*command.temperature_c, 21.0);
  EXPECT_FALSE(command.power || command.mode || command.fan || command.swing);
}

TEST(ClimateCommand, SpecSetModeFanAndSwing) {
  const auto mode = ok(R"({"mode": "cool"})");
  EXPECT_EQ(mode.power, true);
  EXPECT_EQ(mode.mode, ir::Mode::kCool);
  EXPECT_EQ(ok(R"({"fan_mode": "auto"})").fan, ir::FanSpeed::kAuto);
  EXPECT_EQ(ok(R"({"swing_mode": "vertical"})").swing, ir::Swing::kVertical);
}

TEST(ClimateCommand, SpecCombinedCommand) {
  const auto command =
      ok(R"({"mode": "cool", "temperature": 21.0, "fan_mode": "auto", "swing_mode": "off"})");
  EXPECT_EQ(command.power, true);
  EXPECT_EQ(command.mode, ir::Mode::kCool);
  EXPECT_EQ(command.temperature_c, 21.0);
  EXPECT_EQ(command.fan, ir::FanSpeed::kAuto);
  EXPECT_EQ(command.swing, ir::Swing::kOff);
}

TEST(ClimateCommand, EveryModeFanAndSwingNameOfTheSpec) {
  for (const char* mode : {"cool", "heat", "dry", "fan_only", "auto"}) {
    const auto command = ok(std::string(R"({"mode": ")") + mode + "\"}");
    EXPECT_EQ(command.power, true) << mode;
    ASSERT_TRUE(command.mode) << mode;
    EXPECT_EQ(ir::to_string(*command.mode), mode);
  }
  const auto off = ok(R"({"mode": "off"})");
  EXPECT_EQ(off.power, false);
  EXPECT_FALSE(off.mode) << "off keeps the mode for the next power on";
  for (const char* fan : {"auto", "quiet", "1", "2", "3", "4", "5"}) {
    const auto command = ok(std::string(R"({"fan_mode": ")") + fan + "\"}");
    ASSERT_TRUE(command.fan) << fan;
    EXPECT_EQ(ir::to_string(*command.fan), fan);
  }
  for (const char* swing : {"off", "vertical", "horizontal", "both"}) {
    const auto command = ok(std::string(R"({"swing_mode": ")") + swing + "\"}");
    ASSERT_TRUE(command.swing) << swing;
    EXPECT_EQ(ir::to_string(*command.swing), swing);
  }
}

TEST(ClimateCommand, WhatHaSendsThroughTheDiscoveryTemplates) {
  EXPECT_EQ(ok(R"({"mode": "heat"})").mode, ir::Mode::kHeat);
  EXPECT_EQ(ok(R"({"temperature": 22.0})").temperature_c, 22.0);
  EXPECT_EQ(ok(R"({"fan_mode": "2"})").fan, ir::FanSpeed::k2);
  EXPECT_EQ(ok(R"({"swing_mode": "both"})").swing, ir::Swing::kBoth);
}

TEST(ClimateCommand, RawValuesAreRecognisedByTheirVocabulary) {
  const auto cool = ok("cool");
  EXPECT_EQ(cool.power, true);
  EXPECT_EQ(cool.mode, ir::Mode::kCool);
  EXPECT_EQ(ok("fan_only").mode, ir::Mode::kFanOnly);
  EXPECT_EQ(ok("21.0").temperature_c, 21.0);
  EXPECT_EQ(ok("21").temperature_c, 21.0);
  EXPECT_EQ(ok("quiet").fan, ir::FanSpeed::kQuiet);
  EXPECT_EQ(ok("3").fan, ir::FanSpeed::k3) << "1..5 are fan speeds, never set points";
  EXPECT_EQ(ok("vertical").swing, ir::Swing::kVertical);
  EXPECT_EQ(ok("horizontal").swing, ir::Swing::kHorizontal);
  EXPECT_EQ(ok("both").swing, ir::Swing::kBoth);
  EXPECT_EQ(ok(" heat\n").mode, ir::Mode::kHeat) << "surrounding white space is ignored";
  EXPECT_EQ(ok(R"("dry")").mode, ir::Mode::kDry) << "a raw value in JSON quotes";
}

TEST(ClimateCommand, RawOffAndAutoAreHvacModes) {
  const auto off = ok("off");
  EXPECT_EQ(off.power, false);
  EXPECT_FALSE(off.swing) << "swing off needs the JSON form";
  const auto automatic = ok("auto");
  EXPECT_EQ(automatic.mode, ir::Mode::kAuto);
  EXPECT_FALSE(automatic.fan) << "fan auto needs the JSON form";
}

TEST(ClimateCommand, HalfDegreesOnlyWhereTheModelCarriesThem) {
  EXPECT_EQ(ok(R"({"temperature": 21.5})", kDaikin312Ha).temperature_c, 21.5);
  EXPECT_EQ(error(R"({"temperature": 21.5})", kDaikinHa),
            "Invalid temperature: must be in steps of 1, got 21.5");
  EXPECT_EQ(error("21.3", kDaikin312Ha), "Invalid temperature: must be in steps of 0.5, got 21.3");
}

TEST(ClimateCommand, TemperatureOutOfRangeIsTheSpecsError) {
  EXPECT_EQ(error(R"({"temperature": 35})"), "Invalid temperature: must be between 16 and 32");
  EXPECT_EQ(error(R"({"temperature": 15})"), "Invalid temperature: must be between 16 and 32");
  EXPECT_EQ(error("10"), "Invalid temperature: must be between 16 and 32");
  EXPECT_EQ(error("-1e3"), "Invalid temperature: must be between 16 and 32");
  EXPECT_EQ(ok(R"({"temperature": 16})").temperature_c, 16.0);
  EXPECT_EQ(ok(R"({"temperature": 32})").temperature_c, 32.0);
}

struct BadCase {
  const char* payload;
  const char* message;
};

TEST(ClimateCommand, EveryKindOfBadInputHasItsOwnMessage) {
  const BadCase cases[] = {
      {"", "Invalid command: empty payload"},
      {"  \n", "Invalid command: empty payload"},
      {R"({"mode": "cool")", "Invalid command: not valid JSON"},
      {R"([1, 2)", "Invalid command: not valid JSON"},
      {"warm",
       R"(Invalid command: "warm" is not JSON, a mode, a fan mode, a swing mode or a temperature)"},
      {"21.",
       R"(Invalid command: "21." is not JSON, a mode, a fan mode, a swing mode or a temperature)"},
      {"nan",
       R"(Invalid command: "nan" is not JSON, a mode, a fan mode, a swing mode or a temperature)"},
      {R"("warm")",
       R"(Invalid command: "warm" is not a mode, a fan mode, a swing mode or a temperature)"},
      {"[1]", "Invalid command: expected a JSON object, got an array"},
      {"true", "Invalid command: expected a JSON object, got true"},
      {"null", "Invalid command: expected a JSON object, got null"},
      {"{}",
       "Invalid command: empty JSON object; expected any of mode, temperature, fan_mode, "
       "swing_mode"},
      {R"({"speed": 3})",
       R"(Invalid command: unknown key "speed"; expected any of mode, temperature, fan_mode, swing_mode)"},
      {R"({"Mode": "cool"})",
       R"(Invalid command: unknown key "Mode"; expected any of mode, temperature, fan_mode, swing_mode)"},
      {R"({"mode": 3})",
       "Invalid mode: must be a string (off, cool, heat, dry, fan_only, auto), got 3"},
      {R"({"mode": null})",
       "Invalid mode: must be a string (off, cool, heat, dry, fan_only, auto), got null"},
      {R"({"mode": "warm"})",
       R"(Invalid mode: "warm" is not one of off, cool, heat, dry, fan_only, auto)"},
      {R"({"mode": "COOL"})",
       R"(Invalid mode: "COOL" is not one of off, cool, heat, dry, fan_only, auto)"},
      {R"({"temperature": "21"})", R"(Invalid temperature: must be a number, got "21")"},
      {R"({"temperature": [21]})", "Invalid temperature: must be a number, got an array"},
      {R"({"temperature": true})", "Invalid temperature: must be a number, got true"},
      {R"({"temperature": 40})", "Invalid temperature: must be between 16 and 32"},
      {R"({"temperature": 21.5})", "Invalid temperature: must be in steps of 1, got 21.5"},
      {R"({"fan_mode": 3})",
       "Invalid fan_mode: must be a string (auto, quiet, 1, 2, 3, 4, 5), got 3"},
      {R"({"fan_mode": "turbo"})",
       R"(Invalid fan_mode: "turbo" is not one of auto, quiet, 1, 2, 3, 4, 5)"},
      {R"({"fan_mode": "6"})", R"(Invalid fan_mode: "6" is not one of auto, quiet, 1, 2, 3, 4, 5)"},
      {R"({"swing_mode": {}})",
       "Invalid swing_mode: must be a string (off, vertical, horizontal, both), got an object"},
      {R"({"swing_mode": "diagonal"})",
       R"(Invalid swing_mode: "diagonal" is not one of off, vertical, horizontal, both)"},
  };
  for (const auto& bad : cases) EXPECT_EQ(error(bad.payload), bad.message) << bad.payload;
}

TEST(ClimateCommand, OneBadFieldRefusesTheWholeCommand) {
  EXPECT_EQ(error(R"({"mode": "cool", "temperature": 99, "fan_mode": "2"})"),
            "Invalid temperature: must be between 16 and 32");
  EXPECT_EQ(
      error(R"({"mode": "heat", "extra": 1})"),
      R"(Invalid command: unknown key "extra"; expected any of mode, temperature, fan_mode, swing_mode)");
}

TEST(ClimateCommand, TheFirstProblemInDocumentOrderIsReported) {
  EXPECT_EQ(error(R"({"swing_mode": "x", "mode": "y"})"),
            R"(Invalid swing_mode: "x" is not one of off, vertical, horizontal, both)");
}

TEST(ClimateCommand, OverlongPayloadsAreRefusedUnread) {
  const std::string payload(kMaxCommandBytes + 1, ' ');
  EXPECT_EQ(error(payload), "Invalid command: payload is 1025 bytes, at most 1024 are read");
}

TEST(ClimateCommand, UntrustedTextInMessagesIsPrintableAsciiAndShort) {
  const std::string message =
      error("\xff\xfe warm \x01 and a great deal more text than forty chars");
  for (char c : message) EXPECT_TRUE(c >= 0x20 && c < 0x7f) << message;
  EXPECT_NE(message.find("\"?? warm ? and a great deal more text tha...\""), std::string::npos)
      << message;
  EXPECT_EQ(error(R"({"mode": "caf\u00e9"})"),
            R"(Invalid mode: "caf??" is not one of off, cool, heat, dry, fan_only, auto)");
}

TEST(ClimateCommand, ApplySetsOnlyTheGivenFieldsAndOffKeepsTheMode) {
  const ir::ClimateState start{true, ir::Mode::kHeat, 22.0, ir::FanSpeed::k3, ir::Swing::kBoth};
  EXPECT_EQ(apply(ok("off"), start),
            (ir::ClimateState{false, ir::Mode::kHeat, 22.0, ir::FanSpeed::k3, ir::Swing::kBoth}));
  EXPECT_EQ(apply(ok(R"({"temperature": 25})"), start),
            (ir::ClimateState{true, ir::Mode::kHeat, 25.0, ir::FanSpeed::k3, ir::Swing::kBoth}));
  const ir::ClimateState off{false, ir::Mode::kHeat, 22.0, ir::FanSpeed::k3, ir::Swing::kBoth};
  EXPECT_EQ(apply(ok("cool"), off),
            (ir::ClimateState{true, ir::Mode::kCool, 22.0, ir::FanSpeed::k3, ir::Swing::kBoth}));
}

TEST(ClimateCommand, ToStringListsTheGivenFields) {
  EXPECT_EQ(to_string(ok(R"({"temperature": 21, "mode": "cool"})")), "mode cool, temperature 21");
  EXPECT_EQ(to_string(ok("off")), "mode off");
  EXPECT_EQ(to_string(ok(R"({"fan_mode": "quiet", "swing_mode": "both"})")),
            "fan_mode quiet, swing_mode both");
}

}  // namespace
}  // namespace hil::hvac
