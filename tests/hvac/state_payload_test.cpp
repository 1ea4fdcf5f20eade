// The state topic's payload and the hvac action rule.
#include "firmware_core/hvac/state_payload.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace hil::hvac {
namespace {

using ir::Mode;

ir::ClimateState on(Mode mode, double target_c) {
  return ir::ClimateState{true, mode, target_c, ir::FanSpeed::kAuto, ir::Swing::kOff};
}

TEST(HvacAction, OffIsOffWhateverTheRoom) {
  ir::ClimateState state = on(Mode::kHeat, 22);
  state.power = false;
  EXPECT_EQ(hvac_action(state, std::nullopt), "off");
  EXPECT_EQ(hvac_action(state, 10.0), "off");
}

TEST(HvacAction, CoolCoolsOnlyARoomWarmerThanTheTarget) {
  EXPECT_EQ(hvac_action(on(Mode::kCool, 21), 24.5), "cooling");
  EXPECT_EQ(hvac_action(on(Mode::kCool, 21), 21.0), "idle");
  EXPECT_EQ(hvac_action(on(Mode::kCool, 21), 19.0), "idle");
}

TEST(HvacAction, HeatHeatsOnlyARoomColderThanTheTarget) {
  EXPECT_EQ(hvac_action(on(Mode::kHeat, 22), 19.5), "heating");
  EXPECT_EQ(hvac_action(on(Mode::kHeat, 22), 22.0), "idle");
  EXPECT_EQ(hvac_action(on(Mode::kHeat, 22), 25.0), "idle");
}

TEST(HvacAction, AutoGoesWhicheverWayTheRoomIsOff) {
  EXPECT_EQ(hvac_action(on(Mode::kAuto, 22), 25.0), "cooling");
  EXPECT_EQ(hvac_action(on(Mode::kAuto, 22), 19.0), "heating");
  EXPECT_EQ(hvac_action(on(Mode::kAuto, 22), 22.0), "idle");
}

TEST(HvacAction, DryAndFanDoTheirThingWhateverTheRoom) {
  EXPECT_EQ(hvac_action(on(Mode::kDry, 22), 25.0), "drying");
  EXPECT_EQ(hvac_action(on(Mode::kDry, 22), 18.0), "drying");
  EXPECT_EQ(hvac_action(on(Mode::kFanOnly, 22), 25.0), "fan");
  EXPECT_EQ(hvac_action(on(Mode::kFanOnly, 22), std::nullopt), "fan");
}

TEST(HvacAction, WithoutAReadingTheModeDecides) {
  EXPECT_EQ(hvac_action(on(Mode::kCool, 21), std::nullopt), "cooling");
  EXPECT_EQ(hvac_action(on(Mode::kHeat, 21), std::nullopt), "heating");
  EXPECT_EQ(hvac_action(on(Mode::kDry, 21), std::nullopt), "drying");
  EXPECT_EQ(hvac_action(on(Mode::kFanOnly, 21), std::nullopt), "fan");
  EXPECT_EQ(hvac_action(on(Mode::kAuto, 21), std::nullopt), "idle");
}

TEST(StatePayload, SpecStartupStatePlusItsAction) {
  ClimateReport report;
  report.state = ir::ClimateState{false, Mode::kCool, 24.0, ir::FanSpeed::kAuto, ir::Swing::kOff};
  EXPECT_EQ(
      state_payload(report),
      R"({"mode":"off","temperature":24,"fan_mode":"auto","swing_mode":"off","action":"off"})");
}

TEST(StatePayload, SpecStateMessageWithARoomReading) {
  ClimateReport report;
  report.state = on(Mode::kCool, 21.0);
  report.current_c = 24.5;
  EXPECT_EQ(state_payload(report),
            R"({"mode":"cool","temperature":21,"current_temperature":24.5,"fan_mode":"auto",)"
            R"("swing_mode":"off","action":"cooling"})");
  EXPECT_EQ(nlohmann::json::parse(state_payload(report)),
            nlohmann::json::parse(R"({"mode": "cool", "temperature": 21.0,
              "current_temperature": 24.5, "fan_mode": "auto", "swing_mode": "off",
              "action": "cooling"})"))
      << "the spec's example, value for value";
}

TEST(StatePayload, ErrorComesLastAndHalfDegreesStayHalves) {
  ClimateReport report;
  report.state = ir::ClimateState{true, Mode::kHeat, 21.5, ir::FanSpeed::kQuiet, ir::Swing::kBoth};
  report.error = "Invalid temperature: must be between 16 and 32";
  EXPECT_EQ(state_payload(report),
            R"({"mode":"heat","temperature":21.5,"fan_mode":"quiet","swing_mode":"both",)"
            R"("action":"heating","error":"Invalid temperature: must be between 16 and 32"})");
}

}  // namespace
}  // namespace hil::hvac
