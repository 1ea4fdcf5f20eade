// The room sensor feeds current_temperature, and the action follows the mode and the temperatures.
#include <gtest/gtest.h>

#include <algorithm>

#include "firmware_core/hvac/device_messages.h"
#include "hvac_test_support.h"

namespace hil::hvac::testing {
namespace {

constexpr const char* kSensorTopic = "zigbee2mqtt/living_room_sensor";

BridgeConfig with_sensor(std::string key = "temperature") {
  EntityConfig entity = living_room();
  entity.sensor_topic = kSensorTopic;
  entity.sensor_key = std::move(key);
  BridgeConfig config = config_of({entity});
  config.blaster_spacing = core::Micros(0);
  config.rate_burst = 100;
  return config;
}

class BridgeSensor : public ::testing::Test {
 protected:
  void SetUp() override {
    rig.take();
    rig.logs();
  }
  json last_state() {
    const auto states = rig.states();
    EXPECT_FALSE(states.empty());
    return states.empty() ? json() : states.back();
  }
  BridgeRig rig{with_sensor()};
};

TEST_F(BridgeSensor, SubscribesToTheSensorTopic) {
  const auto& subscriptions = rig.mqtt.subscriptions();
  EXPECT_NE(std::find(subscriptions.begin(), subscriptions.end(), kSensorTopic),
            subscriptions.end());
}

TEST_F(BridgeSensor, Zigbee2MqttReadingBecomesCurrentTemperature) {
  rig.command(R"({"mode": "cool", "temperature": 21})");
  rig.take();
  rig.message(kSensorTopic, R"({"battery": 97, "humidity": 41.2, "temperature": 24.5})");
  EXPECT_EQ(last_state(),
            json::parse(R"({"mode": "cool", "temperature": 21, "current_temperature": 24.5,
                            "fan_mode": "auto", "swing_mode": "off", "action": "cooling"})"))
      << "the spec's state message";
}

TEST_F(BridgeSensor, BareNumberPayloadsToo) {
  rig.message(kSensorTopic, "22.75");
  EXPECT_EQ(last_state()["current_temperature"], 22.75);
  rig.message(kSensorTopic, "23");
  EXPECT_EQ(last_state()["current_temperature"], 23);
}

TEST_F(BridgeSensor, ReadingsAreRetainedInTheStateAndSurviveCommands) {
  rig.message(kSensorTopic, R"({"temperature": 19.5})");
  rig.take();
  rig.command("heat");
  const json state = last_state();
  EXPECT_EQ(state["current_temperature"], 19.5);
  EXPECT_EQ(state["action"], "heating");
}

TEST_F(BridgeSensor, AnUnchangedReadingPublishesNothing) {
  rig.message(kSensorTopic, R"({"temperature": 20})");
  rig.take();
  rig.message(kSensorTopic, R"({"temperature": 20, "humidity": 50})");
  EXPECT_TRUE(rig.take().empty());
}

TEST_F(BridgeSensor, UpdatesWithoutTheKeyAreNoReading) {
  rig.message(kSensorTopic, R"({"temperature": 20})");
  rig.take();
  rig.message(kSensorTopic, R"({"battery": 80})");
  rig.message(kSensorTopic, R"({"temperature": null})");
  EXPECT_TRUE(rig.take().empty());
  EXPECT_TRUE(rig.logs().empty()) << "not an error";
  EXPECT_EQ(rig.bridge->report("living_room")->current_c, 20.0);
}

TEST_F(BridgeSensor, BadReadingsAreLoggedAndIgnored) {
  rig.message(kSensorTopic, R"({"temperature": 20})");
  rig.take();
  rig.message(kSensorTopic, "warm");
  rig.message(kSensorTopic, R"({"temperature": "20"})");
  rig.message(kSensorTopic, "900");
  rig.message(kSensorTopic, "[20]");
  EXPECT_TRUE(rig.take().empty());
  EXPECT_EQ(rig.logs(),
            (std::vector<std::string>{
                "living_room: ignored a room temperature on zigbee2mqtt/living_room_sensor: not a "
                "number or JSON: \"warm\"",
                "living_room: ignored a room temperature on zigbee2mqtt/living_room_sensor: "
                "\"temperature\" is not a number",
                "living_room: ignored a room temperature on zigbee2mqtt/living_room_sensor: "
                "temperature 900 C is outside -50..100 C",
                "living_room: ignored a room temperature on zigbee2mqtt/living_room_sensor: "
                "expected a number or a JSON object"}));
  EXPECT_EQ(rig.bridge->report("living_room")->current_c, 20.0);
}

TEST(BridgeSensorKey, AnotherKeyIsRead) {
  BridgeRig rig(with_sensor("local_temperature"));
  rig.take();
  rig.message(kSensorTopic, R"({"temperature": 30, "local_temperature": 21.5})");
  EXPECT_EQ(rig.states().back()["current_temperature"], 21.5);
}

TEST(BridgeSensorKey, EntitiesMayShareASensor) {
  EntityConfig bedroom = entity_on("bedroom", "ir_blaster_02");
  bedroom.sensor_topic = kSensorTopic;
  BridgeConfig config = with_sensor();
  config.entities.push_back(bedroom);
  BridgeRig rig(config);
  rig.take();
  rig.message(kSensorTopic, "20.5");
  const auto messages = rig.take();
  EXPECT_EQ(on_topic(messages, kStateTopic).size(), 1u);
  EXPECT_EQ(on_topic(messages, state_topic("bedroom")).size(), 1u);
  EXPECT_EQ(rig.mqtt.subscriptions().size(), 6u)
      << "two set topics, the sensor once, two blasters' availability, HA status";
}

struct ActionCase {
  const char* command;
  const char* reading;  // nullptr: none
  const char* action;
};

TEST(BridgeAction, EveryRule) {
  const ActionCase cases[] = {
      {"off", "30", "off"},
      {"off", nullptr, "off"},
      {R"({"mode": "cool", "temperature": 21})", "24", "cooling"},
      {R"({"mode": "cool", "temperature": 21})", "21", "idle"},
      {R"({"mode": "cool", "temperature": 21})", "18", "idle"},
      {R"({"mode": "cool", "temperature": 21})", nullptr, "cooling"},
      {R"({"mode": "heat", "temperature": 22})", "19", "heating"},
      {R"({"mode": "heat", "temperature": 22})", "22", "idle"},
      {R"({"mode": "heat", "temperature": 22})", "25", "idle"},
      {R"({"mode": "heat", "temperature": 22})", nullptr, "heating"},
      {R"({"mode": "auto", "temperature": 22})", "25", "cooling"},
      {R"({"mode": "auto", "temperature": 22})", "19", "heating"},
      {R"({"mode": "auto", "temperature": 22})", "22", "idle"},
      {R"({"mode": "auto", "temperature": 22})", nullptr, "idle"},
      {R"({"mode": "dry"})", "25", "drying"},
      {R"({"mode": "dry"})", nullptr, "drying"},
      {R"({"mode": "fan_only"})", "25", "fan"},
      {R"({"mode": "fan_only"})", nullptr, "fan"},
  };
  for (const auto& test : cases) {
    BridgeRig rig(with_sensor());
    if (test.reading) rig.message(kSensorTopic, test.reading);
    rig.command(test.command);
    const json state = rig.states().back();
    EXPECT_EQ(state["action"], test.action)
        << test.command << " with " << (test.reading ? test.reading : "no reading");
    EXPECT_EQ(state.contains("current_temperature"), test.reading != nullptr);
  }
}

TEST(BridgeAction, ActionFollowsTheRoomAsItChanges) {
  BridgeRig rig(with_sensor());
  rig.command(R"({"mode": "cool", "temperature": 22})");
  rig.message(kSensorTopic, "25");
  EXPECT_EQ(rig.states().back()["action"], "cooling");
  rig.message(kSensorTopic, "22");
  EXPECT_EQ(rig.states().back()["action"], "idle");
  rig.message(kSensorTopic, "23");
  EXPECT_EQ(rig.states().back()["action"], "cooling");
}

TEST(DeviceMessages, AvailabilityForms) {
  EXPECT_EQ(*parse_availability(R"({"state":"online"})"), Availability::kOnline);
  EXPECT_EQ(*parse_availability(R"({"state": "offline"})"), Availability::kOffline);
  EXPECT_EQ(*parse_availability("online"), Availability::kOnline);
  EXPECT_EQ(*parse_availability(" offline\n"), Availability::kOffline);
  EXPECT_EQ(*parse_availability(R"("online")"), Availability::kOnline);
  EXPECT_FALSE(parse_availability(R"({"status":"online"})").ok());
  EXPECT_FALSE(parse_availability("").ok());
  EXPECT_TRUE(is_online_announcement("online"));
  EXPECT_FALSE(is_online_announcement("offline"));
}

}  // namespace
}  // namespace hil::hvac::testing
