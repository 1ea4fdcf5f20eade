// The spec's examples, end to end through the bridge: startup, a user setting the temperature,
// the combined command, the error state, shutdown (the will), removal and HA's birth message.
#include <gtest/gtest.h>

#include "hvac_test_support.h"

namespace hil::hvac::testing {
namespace {

constexpr const char* kStartupState =
    R"({"mode":"off","temperature":24,"fan_mode":"auto","swing_mode":"off","action":"off"})";

TEST(BridgeExamples, WillIsSetBeforeConnecting) {
  BridgeRig rig(config_of({living_room()}), /*connect_now=*/false);
  const core::MqttWill& will = rig.mqtt.will();
  EXPECT_EQ(will.topic, kAvailabilityTopic);
  EXPECT_EQ(will.payload, "offline");
  EXPECT_EQ(will.qos, 1);
  EXPECT_TRUE(will.retain);
  EXPECT_TRUE(rig.take().empty()) << "nothing is published before the session is up";
}

TEST(BridgeExamples, StartupPublishesDiscoveryAvailabilityAndStateRetained) {
  BridgeRig rig(config_of({living_room()}), /*connect_now=*/false);
  rig.connect();
  const auto messages = rig.take();
  ASSERT_EQ(messages.size(), 3u);

  EXPECT_EQ(messages[0].topic, kConfigTopic);
  EXPECT_TRUE(messages[0].retain);
  EXPECT_EQ(messages[0].qos, 2);
  const json discovery = json::parse(messages[0].payload);
  EXPECT_EQ(discovery["unique_id"], "daikin_ac_living_room");

  EXPECT_EQ(messages[1].topic, kAvailabilityTopic);
  EXPECT_EQ(messages[1].payload, "online");
  EXPECT_TRUE(messages[1].retain);
  EXPECT_EQ(messages[1].qos, 1);

  EXPECT_EQ(messages[2].topic, kStateTopic);
  EXPECT_EQ(messages[2].payload, kStartupState);
  EXPECT_TRUE(messages[2].retain);
  EXPECT_EQ(messages[2].qos, 0);
  json spec = json::parse(R"({"mode": "off", "temperature": 24, "fan_mode": "auto",
                              "swing_mode": "off"})");
  spec["action"] = "off";
  EXPECT_EQ(json::parse(messages[2].payload), spec) << "the spec's state plus its action";
}

TEST(BridgeExamples, SubscribesToCommandsBlasterAvailabilityAndHaStatus) {
  BridgeRig rig;
  EXPECT_EQ(
      rig.mqtt.subscriptions(),
      (std::vector<std::string>{std::string(kSetTopic), std::string(kBlasterAvailabilityTopic),
                                "homeassistant/status"}));
  const auto subscriptions = rig.bridge->subscriptions();
  ASSERT_EQ(subscriptions.size(), 3u);
  EXPECT_EQ(subscriptions[0].qos, 1) << "commands at QoS 1";
}

TEST(BridgeExamples, UserSetsTemperature) {
  BridgeRig rig;
  rig.take();
  rig.command(R"({"temperature": 21, "mode": "cool"})");
  const auto messages = rig.take();
  ASSERT_EQ(messages.size(), 2u);

  EXPECT_EQ(messages[0].topic, kBlasterSetTopic);
  EXPECT_EQ(messages[0].qos, 1);
  EXPECT_FALSE(messages[0].retain);
  EXPECT_EQ(decoded_climate(messages[0].payload), climate(true, ir::Mode::kCool, 21));

  EXPECT_EQ(messages[1].topic, kStateTopic);
  EXPECT_TRUE(messages[1].retain);
  EXPECT_EQ(messages[1].qos, 0);
  EXPECT_EQ(json::parse(messages[1].payload),
            json::parse(R"({"mode": "cool", "temperature": 21, "fan_mode": "auto",
                            "swing_mode": "off", "action": "cooling"})"));
  EXPECT_TRUE(any_line_has(rig.logs(), "living_room: sent DAIKIN frame, 35 bytes, "));
}

TEST(BridgeExamples, CombinedCommand) {
  BridgeRig rig;
  rig.take();
  rig.command(R"({"mode": "heat", "temperature": 23.0, "fan_mode": "4", "swing_mode": "both"})");
  const auto messages = rig.take();
  const auto sends = on_topic(messages, kBlasterSetTopic);
  ASSERT_EQ(sends.size(), 1u);
  EXPECT_EQ(decoded_climate(sends[0].payload),
            climate(true, ir::Mode::kHeat, 23, ir::FanSpeed::k4, ir::Swing::kBoth));
  const auto states = on_topic(messages, kStateTopic);
  ASSERT_EQ(states.size(), 1u);
  EXPECT_EQ(json::parse(states[0].payload),
            json::parse(R"({"mode": "heat", "temperature": 23, "fan_mode": "4",
                            "swing_mode": "both", "action": "heating"})"));
}

TEST(BridgeExamples, ErrorStateKeepsTheCurrentStateAndTheNextGoodCommandClearsIt) {
  BridgeRig rig;
  rig.take();
  rig.logs();
  rig.command(R"({"temperature": 35})");
  auto messages = rig.take();
  EXPECT_TRUE(ir_sends(messages).empty()) << "a refused command sends nothing";
  auto states = on_topic(messages, kStateTopic);
  ASSERT_EQ(states.size(), 1u);
  EXPECT_EQ(states[0].payload,
            R"({"mode":"off","temperature":24,"fan_mode":"auto","swing_mode":"off",)"
            R"("action":"off","error":"Invalid temperature: must be between 16 and 32"})");
  EXPECT_TRUE(states[0].retain);
  EXPECT_EQ(rig.logs(),
            std::vector<std::string>{
                "living_room: bad command: Invalid temperature: must be between 16 and 32"});

  rig.command(R"({"temperature": 22})");
  messages = rig.take();
  EXPECT_EQ(ir_sends(messages).size(), 1u);
  states = on_topic(messages, kStateTopic);
  ASSERT_EQ(states.size(), 1u);
  EXPECT_EQ(
      states[0].payload,
      R"({"mode":"off","temperature":22,"fan_mode":"auto","swing_mode":"off","action":"off"})");
}

TEST(BridgeExamples, ErrorStaysUntilAGoodCommandAndIsRepublishedOnReconnect) {
  BridgeRig rig;
  rig.command("warm");
  rig.disconnect();
  rig.take();
  rig.connect();
  const auto states = on_topic(rig.take(), kStateTopic);
  ASSERT_EQ(states.size(), 1u);
  EXPECT_TRUE(json::parse(states[0].payload).contains("error"));
}

TEST(BridgeExamples, RemoveClearsTheRetainedTopicsSoHaDeletesTheEntity) {
  BridgeRig rig;
  rig.take();
  ASSERT_TRUE(rig.bridge->remove("living_room"));
  const auto messages = rig.take();
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0].topic, kConfigTopic);
  EXPECT_EQ(messages[1].topic, kStateTopic);
  EXPECT_EQ(messages[2].topic, kAvailabilityTopic);
  for (const auto& message : messages) {
    EXPECT_EQ(message.payload, "") << message.topic;
    EXPECT_TRUE(message.retain) << message.topic;
  }
  EXPECT_FALSE(rig.bridge->remove("kitchen")) << "unknown device";

  rig.command(R"({"mode": "cool"})");
  EXPECT_TRUE(rig.take().empty()) << "a removed entity takes no commands";
  EXPECT_TRUE(any_line_has(rig.logs(), "ignored a command: the entity was removed"));

  rig.disconnect();
  rig.connect();
  const auto again = rig.take();
  ASSERT_EQ(again.size(), 3u) << "cleared again on reconnect, never announced";
  for (const auto& message : again) EXPECT_EQ(message.payload, "");
  rig.message("homeassistant/status", "online");
  for (const auto& message : rig.take()) EXPECT_EQ(message.payload, "");
}

TEST(BridgeExamples, RemoveMovesTheWillToAnEntityStillThere) {
  BridgeRig rig(config_of({living_room(), entity_on("bedroom", "ir_blaster_02")}));
  rig.bridge->remove("living_room");
  EXPECT_EQ(rig.mqtt.will().topic, "homeassistant/climate/bedroom/availability");
  rig.bridge->remove_all();
  rig.take();
  rig.command(R"({"mode": "cool"})", "bedroom");
  EXPECT_TRUE(rig.take().empty());
}

// Issue 13: `hvac --remove` announced the entity (availability, state, config) before deleting it,
// so Home Assistant could briefly create an entity that never existed.
TEST(BridgeExamples, RemovedBeforeConnectingAnEntityIsClearedWithoutBeingAnnounced) {
  BridgeRig rig(config_of({living_room()}), /*connect_now=*/false);
  rig.bridge->remove_all();
  EXPECT_TRUE(rig.take().empty()) << "nothing goes out before the broker is there";
  EXPECT_EQ(rig.mqtt.will().topic, "") << "no will to bring the availability topic back";
  rig.connect();
  const auto messages = rig.take();
  ASSERT_EQ(messages.size(), 3u);
  for (const auto& message : messages) {
    EXPECT_EQ(message.payload, "") << message.topic;
    EXPECT_TRUE(message.retain) << message.topic;
  }
  EXPECT_TRUE(any_line_has(rig.logs(), "announcing 0 entities, clearing 1 removed"));
}

TEST(BridgeExamples, HaBirthMessageRepublishesEverything) {
  BridgeRig rig(config_of({living_room(), entity_on("bedroom", "ir_blaster_02")}));
  rig.command(R"({"mode": "cool", "temperature": 20})");
  rig.take();
  rig.message("homeassistant/status", "online", /*retained=*/false);
  const auto messages = rig.take();
  ASSERT_EQ(messages.size(), 6u);
  EXPECT_EQ(messages[0].topic, kConfigTopic);
  EXPECT_EQ(messages[1].topic, kAvailabilityTopic);
  EXPECT_EQ(messages[2].topic, kStateTopic);
  EXPECT_EQ(json::parse(messages[2].payload)["temperature"], 20) << "the current state";
  EXPECT_EQ(messages[3].topic, "homeassistant/climate/bedroom/config");
  EXPECT_TRUE(ir_sends(messages).empty()) << "announcing sends no IR";
  EXPECT_TRUE(any_line_has(rig.logs(), "Home Assistant is online"));

  rig.message("homeassistant/status", "offline");
  EXPECT_TRUE(rig.take().empty()) << "HA going away needs nothing";
}

TEST(BridgeExamples, ReconnectRepublishesEverything) {
  BridgeRig rig;
  rig.command("heat");
  rig.disconnect();
  rig.take();
  rig.connect();
  const auto messages = rig.take();
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0].topic, kConfigTopic);
  EXPECT_EQ(messages[1].payload, "online");
  EXPECT_EQ(json::parse(messages[2].payload)["mode"], "heat");
}

}  // namespace
}  // namespace hil::hvac::testing
