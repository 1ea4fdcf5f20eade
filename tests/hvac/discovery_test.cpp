// The discovery document: exactly the keys current HA reads (it drops unknown ones silently), with
// the spec's values as corrected by the notes.
#include "firmware_core/hvac/discovery.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "hvac_test_support.h"

namespace hil::hvac::testing {
namespace {

using Keys = std::set<std::string>;

EntityConfig normalized_entity(EntityConfig entity) {
  auto config = normalized(config_of({std::move(entity)}));
  EXPECT_TRUE(config.ok()) << config.error();
  return config.ok() ? config->entities.front() : EntityConfig{};
}

json document(const EntityConfig& entity) {
  return json::parse(discovery_payload(normalized_entity(entity), "homeassistant", "0.1.0"));
}

Keys keys_of(const json& doc) {
  Keys keys;
  for (const auto& item : doc.items()) keys.insert(item.key());
  return keys;
}

const Keys kKeysWithoutSensor = {"name",
                                 "unique_id",
                                 "object_id",
                                 "default_entity_id",
                                 "device",
                                 "mode_command_topic",
                                 "mode_command_template",
                                 "mode_state_topic",
                                 "mode_state_template",
                                 "temperature_command_topic",
                                 "temperature_command_template",
                                 "temperature_state_topic",
                                 "temperature_state_template",
                                 "fan_mode_command_topic",
                                 "fan_mode_command_template",
                                 "fan_mode_state_topic",
                                 "fan_mode_state_template",
                                 "swing_mode_command_topic",
                                 "swing_mode_command_template",
                                 "swing_mode_state_topic",
                                 "swing_mode_state_template",
                                 "action_topic",
                                 "action_template",
                                 "availability_topic",
                                 "payload_available",
                                 "payload_not_available",
                                 "modes",
                                 "fan_modes",
                                 "swing_modes",
                                 "min_temp",
                                 "max_temp",
                                 "temp_step",
                                 "precision",
                                 "temperature_unit",
                                 "qos",
                                 "retain",
                                 "optimistic"};

TEST(Discovery, ExactKeySetWithoutASensor) {
  EXPECT_EQ(keys_of(document(living_room())), kKeysWithoutSensor);
}

TEST(Discovery, ExactKeySetWithASensorAddsCurrentTemperature) {
  EntityConfig entity = living_room();
  entity.sensor_topic = "zigbee2mqtt/living_room_sensor";
  Keys expected = kKeysWithoutSensor;
  expected.insert("current_temperature_topic");
  expected.insert("current_temperature_template");
  EXPECT_EQ(keys_of(document(entity)), expected);
}

TEST(Discovery, DeviceBlockHasIdentifiersAndExactlyTheseKeys) {
  const json device = document(living_room())["device"];
  EXPECT_EQ(keys_of(device), (Keys{"identifiers", "name", "model", "manufacturer", "sw_version"}));
  EXPECT_EQ(device["identifiers"], json::array({"daikin_ac_living_room"}));
  EXPECT_EQ(device["name"], "Living Room AC");
  EXPECT_EQ(device["model"], "DAIKIN IR protocol");
  EXPECT_EQ(device["manufacturer"], "Daikin");
  EXPECT_EQ(device["sw_version"], "0.1.0");
}

TEST(Discovery, SpecValuesForTheLivingRoom) {
  EntityConfig entity = living_room();
  entity.sensor_topic = "zigbee2mqtt/living_room_sensor";
  const json doc = document(entity);
  const std::string base = "homeassistant/climate/living_room/";
  EXPECT_EQ(doc["name"], "Living Room AC");
  EXPECT_EQ(doc["unique_id"], "daikin_ac_living_room");
  EXPECT_EQ(doc["object_id"], "living_room_ac");
  EXPECT_EQ(doc["default_entity_id"], "climate.living_room_ac");
  for (const char* attribute : {"mode", "temperature", "fan_mode", "swing_mode"}) {
    const std::string name(attribute);
    EXPECT_EQ(doc[name + "_command_topic"], base + "set") << name;
    EXPECT_EQ(doc[name + "_state_topic"], base + "state") << name;
    EXPECT_EQ(doc[name + "_state_template"], "{{ value_json." + name + " }}") << name;
  }
  EXPECT_EQ(doc["mode_command_template"], R"({"mode": "{{ value }}"})");
  EXPECT_EQ(doc["temperature_command_template"], R"({"temperature": {{ value }}})");
  EXPECT_EQ(doc["fan_mode_command_template"], R"({"fan_mode": "{{ value }}"})");
  EXPECT_EQ(doc["swing_mode_command_template"], R"({"swing_mode": "{{ value }}"})");
  EXPECT_EQ(doc["current_temperature_topic"], base + "state");
  EXPECT_EQ(doc["current_temperature_template"], "{{ value_json.current_temperature }}");
  EXPECT_EQ(doc["action_topic"], base + "state");
  EXPECT_EQ(doc["action_template"], "{{ value_json.action }}");
  EXPECT_EQ(doc["availability_topic"], base + "availability");
  EXPECT_EQ(doc["payload_available"], "online");
  EXPECT_EQ(doc["payload_not_available"], "offline");
  EXPECT_EQ(doc["modes"], json::parse(R"(["off", "cool", "heat", "dry", "fan_only", "auto"])"));
  EXPECT_EQ(doc["fan_modes"], json::parse(R"(["auto", "quiet", "1", "2", "3", "4", "5"])"));
  EXPECT_EQ(doc["swing_modes"], json::parse(R"(["off", "vertical", "horizontal", "both"])"));
  EXPECT_EQ(doc["min_temp"], 16);
  EXPECT_EQ(doc["max_temp"], 32);
  EXPECT_EQ(doc["temp_step"], 1);
  EXPECT_EQ(doc["precision"], 0.1) << "with a sensor the room shows to a tenth";
  EXPECT_EQ(doc["temperature_unit"], "C");
  EXPECT_EQ(doc["qos"], 1);
  EXPECT_EQ(doc["retain"], false);
  EXPECT_EQ(doc["optimistic"], false);
}

TEST(Discovery, HaTemplatesRenderToCommandsTheBridgeAccepts) {
  const json doc = document(living_room());
  const auto render = [](std::string text, const std::string& value) {
    const std::string hole = "{{ value }}";
    text.replace(text.find(hole), hole.size(), value);
    return text;
  };
  EXPECT_EQ(json::parse(render(doc["mode_command_template"].get<std::string>(), "cool")),
            json({{"mode", "cool"}}));
  EXPECT_EQ(json::parse(render(doc["temperature_command_template"].get<std::string>(), "21.0")),
            json({{"temperature", 21.0}}));
  EXPECT_EQ(json::parse(render(doc["fan_mode_command_template"].get<std::string>(), "quiet")),
            json({{"fan_mode", "quiet"}}));
  EXPECT_EQ(json::parse(render(doc["swing_mode_command_template"].get<std::string>(), "both")),
            json({{"swing_mode", "both"}}));
}

TEST(Discovery, PrecisionAndStepFollowTheModelWithoutASensor) {
  EXPECT_EQ(document(living_room())["precision"], 1.0);
  EntityConfig entity = living_room();
  entity.model = ir::DaikinProtocol::kDaikin312;
  const json doc = document(entity);
  EXPECT_EQ(doc["temp_step"], 0.5);
  EXPECT_EQ(doc["precision"], 0.5);
  EXPECT_EQ(doc["device"]["model"], "DAIKIN312 IR protocol");
}

TEST(Discovery, PrecisionIsOneOfWhatHaAccepts) {
  for (const auto model : {ir::DaikinProtocol::kDaikin, ir::DaikinProtocol::kDaikin312}) {
    for (const bool sensor : {false, true}) {
      EntityConfig entity = living_room();
      entity.model = model;
      if (sensor) entity.sensor_topic = "sensors/room";
      const double precision = document(entity)["precision"].get<double>();
      EXPECT_TRUE(precision == 0.1 || precision == 0.5 || precision == 1.0) << precision;
    }
  }
}

TEST(Discovery, ConfiguredRangeAndIdentityAreUsed) {
  EntityConfig entity = living_room();
  entity.min_temp_c = 18;
  entity.max_temp_c = 30;
  entity.unique_id = "ac-42";
  entity.object_id = "lounge";
  entity.device_name = "Lounge Daikin";
  entity.device_model = "Daikin FTXM35";
  const json doc = document(entity);
  EXPECT_EQ(doc["min_temp"], 18);
  EXPECT_EQ(doc["max_temp"], 30);
  EXPECT_EQ(doc["unique_id"], "ac-42");
  EXPECT_EQ(doc["object_id"], "lounge");
  EXPECT_EQ(doc["default_entity_id"], "climate.lounge");
  EXPECT_EQ(doc["device"]["identifiers"], json::array({"ac-42"}));
  EXPECT_EQ(doc["device"]["name"], "Lounge Daikin");
  EXPECT_EQ(doc["device"]["model"], "Daikin FTXM35");
}

TEST(Discovery, AnotherPrefixMovesEveryHaTopic) {
  const json doc = json::parse(discovery_payload(normalized_entity(living_room()), "ha", "1"));
  EXPECT_EQ(doc["mode_command_topic"], "ha/climate/living_room/set");
  EXPECT_EQ(doc["availability_topic"], "ha/climate/living_room/availability");
}

}  // namespace
}  // namespace hil::hvac::testing
