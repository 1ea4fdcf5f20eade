// Commands through the bridge: HA's raw per-attribute values, every kind of bad command with the
// error cleared by the next good one, repeats, retained commands and stray topics.
#include <gtest/gtest.h>

#include "hvac_test_support.h"

namespace hil::hvac::testing {
namespace {

// A connected bridge, its announcements taken; frames spaced 0 ms so each command's frame is
// visible at once (the spacing has its own tests).
class BridgeCommands : public ::testing::Test {
 protected:
  static BridgeConfig unspaced() {
    BridgeConfig config = config_of({living_room()});
    config.blaster_spacing = core::Micros(0);
    config.rate_burst = 100;
    return config;
  }

  // Sends the command and returns the one frame's climate and the one state published.
  std::pair<ir::ClimateState, json> run(std::string_view payload) {
    rig.command(payload);
    const auto messages = rig.take();
    const auto sends = on_topic(messages, kBlasterSetTopic);
    const auto states = on_topic(messages, kStateTopic);
    EXPECT_EQ(sends.size(), 1u) << payload;
    EXPECT_EQ(states.size(), 1u) << payload;
    if (sends.size() != 1 || states.size() != 1) return {};
    return {decoded_climate(sends[0].payload), json::parse(states[0].payload)};
  }

  void SetUp() override {
    rig.take();
    rig.logs();
  }

  BridgeRig rig{unspaced()};
};

TEST_F(BridgeCommands, RawModeValue) {
  const auto [sent, state] = run("cool");
  EXPECT_EQ(sent, climate(true, ir::Mode::kCool, 24));
  EXPECT_EQ(state["mode"], "cool");
}

TEST_F(BridgeCommands, RawTemperatureValue) {
  const auto [sent, state] = run("21.0");
  EXPECT_EQ(sent, climate(false, ir::Mode::kCool, 21)) << "set while off: sent, still off";
  EXPECT_EQ(state["temperature"], 21);
}

TEST_F(BridgeCommands, RawFanValues) {
  EXPECT_EQ(run("quiet").first.fan, ir::FanSpeed::kQuiet);
  const auto [sent, state] = run("5");
  EXPECT_EQ(sent.fan, ir::FanSpeed::k5);
  EXPECT_EQ(state["fan_mode"], "5");
}

TEST_F(BridgeCommands, RawSwingValue) {
  const auto [sent, state] = run("vertical");
  EXPECT_EQ(sent.swing, ir::Swing::kVertical);
  EXPECT_EQ(state["swing_mode"], "vertical");
  EXPECT_EQ(run("both").first.swing, ir::Swing::kBoth);
}

TEST_F(BridgeCommands, RawOffPowersOffAndKeepsTheMode) {
  run("heat");
  const auto [sent, state] = run("off");
  EXPECT_EQ(sent, climate(false, ir::Mode::kHeat, 24));
  EXPECT_EQ(state["mode"], "off");
}

TEST_F(BridgeCommands, TemplatedJsonForEachAttribute) {
  EXPECT_EQ(run(R"({"mode": "dry"})").first.mode, ir::Mode::kDry);
  EXPECT_EQ(run(R"({"temperature": 26.0})").first.target_c, 26.0);
  EXPECT_EQ(run(R"({"fan_mode": "1"})").first.fan, ir::FanSpeed::k1);
  EXPECT_EQ(run(R"({"swing_mode": "horizontal"})").first.swing, ir::Swing::kHorizontal);
  EXPECT_EQ(run(R"({"fan_mode": "auto"})").first.fan, ir::FanSpeed::kAuto);
  EXPECT_EQ(run(R"({"swing_mode": "off"})").first.swing, ir::Swing::kOff);
  EXPECT_EQ(rig.bridge->report("living_room")->state,
            climate(true, ir::Mode::kDry, 26, ir::FanSpeed::kAuto, ir::Swing::kOff));
}

TEST_F(BridgeCommands, EveryKindOfBadCommandIsReportedAndTheNextGoodOneClearsIt) {
  const std::pair<const char*, const char*> cases[] = {
      {"{\"mode\": ", "Invalid command: not valid JSON"},
      {"warm",
       "Invalid command: \"warm\" is not JSON, a mode, a fan mode, a swing mode or a "
       "temperature"},
      {"[]", "Invalid command: expected a JSON object, got an array"},
      {R"({"speed": 1})",
       "Invalid command: unknown key \"speed\"; expected any of mode, "
       "temperature, fan_mode, swing_mode"},
      {R"({"temperature": "hot"})", "Invalid temperature: must be a number, got \"hot\""},
      {R"({"mode": "warm"})",
       "Invalid mode: \"warm\" is not one of off, cool, heat, dry, fan_only, auto"},
      {R"({"fan_mode": "turbo"})",
       "Invalid fan_mode: \"turbo\" is not one of auto, quiet, 1, 2, 3, 4, 5"},
      {R"({"swing_mode": "round"})",
       "Invalid swing_mode: \"round\" is not one of off, vertical, horizontal, both"},
      {R"({"temperature": 33})", "Invalid temperature: must be between 16 and 32"},
      {R"({"temperature": 20.5})", "Invalid temperature: must be in steps of 1, got 20.5"},
      {"  \n", "Invalid command: empty payload"},
  };
  run(R"({"mode": "cool", "temperature": 22})");
  rig.logs();
  for (const auto& [payload, message] : cases) {
    rig.command(payload);
    const auto messages = rig.take();
    EXPECT_TRUE(ir_sends(messages).empty()) << payload;
    const auto states = on_topic(messages, kStateTopic);
    ASSERT_EQ(states.size(), 1u) << payload;
    const json state = json::parse(states[0].payload);
    EXPECT_EQ(state["error"], message) << payload;
    EXPECT_EQ(state["mode"], "cool") << "the current state stays: " << payload;
    EXPECT_EQ(state["temperature"], 22) << payload;
    EXPECT_EQ(rig.logs(),
              std::vector<std::string>{"living_room: bad command: " + std::string(message)});

    const auto [sent, cleared] = run(R"({"temperature": 22})");
    EXPECT_FALSE(cleared.contains("error")) << "cleared after " << payload;
    EXPECT_EQ(sent, climate(true, ir::Mode::kCool, 22));
    rig.logs();
  }
}

TEST_F(BridgeCommands, ACommandThatChangesNothingStillSendsTheFrame) {
  const auto first = run(R"({"mode": "cool"})");
  const auto second = run(R"({"mode": "cool"})");
  EXPECT_EQ(first.first, second.first);
  EXPECT_EQ(first.second, second.second);
}

TEST_F(BridgeCommands, RetainedCommandsAreIgnored) {
  rig.message(kSetTopic, R"({"mode": "heat"})", /*retained=*/true);
  EXPECT_TRUE(rig.take().empty());
  EXPECT_EQ(rig.logs(), std::vector<std::string>{
                            "living_room: ignored a retained command (it would replay on every "
                            "reconnect)"});
  EXPECT_FALSE(rig.bridge->report("living_room")->state.power);
}

// Issue 13: clearing a retained command (`mosquitto_pub -n -r`) put "Invalid command: empty
// payload" into the state.
TEST_F(BridgeCommands, AnEmptyMessageOnTheSetTopicIsIgnored) {
  run(R"({"mode": "cool", "temperature": 22})");
  rig.logs();
  rig.command("");
  EXPECT_TRUE(rig.take().empty());
  EXPECT_EQ(rig.logs(), std::vector<std::string>{"living_room: ignored an empty message (a "
                                                 "retained command being cleared)"});
  EXPECT_TRUE(rig.bridge->report("living_room")->error.empty());
}

TEST_F(BridgeCommands, OtherTopicsAreIgnored) {
  rig.message("homeassistant/climate/kitchen/set", "cool");
  rig.message("homeassistant/climate/living_room/state", "cool");
  rig.message("zigbee2mqtt/ir_blaster_01", R"({"linkquality": 120})");
  EXPECT_TRUE(rig.take().empty());
  EXPECT_FALSE(rig.bridge->report("living_room")->state.power);
}

TEST_F(BridgeCommands, CommandsGoToTheirOwnEntity) {
  BridgeConfig config = config_of({living_room(), entity_on("bedroom", "ir_blaster_02")});
  config.entities[1].model = ir::DaikinProtocol::kDaikin312;
  BridgeRig two(config);
  two.take();
  two.command(R"({"mode": "heat", "temperature": 22.5})", "bedroom");
  const auto messages = two.take();
  const auto sends = on_topic(messages, blaster_set_topic("ir_blaster_02"));
  ASSERT_EQ(sends.size(), 1u);
  const ir::DaikinFrame frame = decode_send(sends[0].payload);
  EXPECT_EQ(frame.protocol, ir::DaikinProtocol::kDaikin312);
  EXPECT_EQ(frame.settings.climate, climate(true, ir::Mode::kHeat, 22.5));
  EXPECT_EQ(on_topic(messages, state_topic("bedroom")).size(), 1u);
  EXPECT_TRUE(on_topic(messages, kStateTopic).empty());
  EXPECT_FALSE(two.bridge->report("living_room")->state.power);
}

}  // namespace
}  // namespace hil::hvac::testing
