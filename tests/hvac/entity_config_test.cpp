// Bridge configuration: defaults, model names, ranges and the checks create() relies on.
#include "firmware_core/hvac/entity_config.h"

#include <gtest/gtest.h>

#include "firmware_core/hvac/topics.h"
#include "hvac_test_support.h"

namespace hil::hvac::testing {
namespace {

std::string problem(BridgeConfig config) {
  const auto checked = normalized(std::move(config));
  EXPECT_FALSE(checked.ok());
  return checked.error();
}

TEST(EntityConfig, DefaultsFollowTheSpecsNaming) {
  const auto config = normalized(config_of({living_room()}));
  ASSERT_TRUE(config.ok()) << config.error();
  const EntityConfig& entity = config->entities.front();
  EXPECT_EQ(entity.unique_id, "daikin_ac_living_room");
  EXPECT_EQ(entity.object_id, "living_room_ac");
  EXPECT_EQ(entity.device_name, "Living Room AC");
  EXPECT_EQ(entity.device_model, "DAIKIN IR protocol");
  EXPECT_EQ(config->discovery_prefix, "homeassistant");
  EXPECT_EQ(config->rate_burst, 3u);
  EXPECT_EQ(config->rate_interval, core::Micros(1'000'000));
  EXPECT_EQ(config->blaster_spacing, core::Micros(1'000'000));
  EXPECT_EQ(config->broker_queue_limit, 100u);
  EXPECT_EQ(config->blaster_queue_limit, 10u);
  EXPECT_EQ(entity.initial,
            (ir::ClimateState{false, ir::Mode::kCool, 24.0, ir::FanSpeed::kAuto, ir::Swing::kOff}));
}

TEST(EntityConfig, ObjectIdIsLowerCaseWithUnderscores) {
  const auto config = normalized(config_of({entity_on("Guest-Room", "b")}));
  ASSERT_TRUE(config.ok()) << config.error();
  EXPECT_EQ(config->entities.front().object_id, "guest_room_ac");
}

TEST(EntityConfig, ModelNames) {
  EXPECT_EQ(*parse_model("DAIKIN"), ir::DaikinProtocol::kDaikin);
  EXPECT_EQ(*parse_model("DAIKIN312"), ir::DaikinProtocol::kDaikin312);
  EXPECT_EQ(parse_model("daikin2").error(),
            "\"daikin2\" is not a supported model (DAIKIN, DAIKIN312)");
}

TEST(EntityConfig, RangesComeFromTheModelsStep) {
  EntityConfig entity = living_room();
  EXPECT_EQ(temperature_range(entity).step_c, 1.0);
  entity.model = ir::DaikinProtocol::kDaikin312;
  EXPECT_EQ(temperature_range(entity).step_c, 0.5);
  EXPECT_EQ(temperature_range(entity).min_c, 16.0);
  EXPECT_EQ(ir_temperature_range(ir::DaikinProtocol::kDaikin).min_c, 10.0);
}

TEST(EntityConfig, TopicsAreTheSpecs) {
  const EntityTopics topics = entity_topics("homeassistant", living_room());
  EXPECT_EQ(topics.config, kConfigTopic);
  EXPECT_EQ(topics.set, kSetTopic);
  EXPECT_EQ(topics.state, kStateTopic);
  EXPECT_EQ(topics.availability, kAvailabilityTopic);
  EXPECT_EQ(topics.blaster_set, kBlasterSetTopic);
  EXPECT_EQ(topics.blaster_availability, kBlasterAvailabilityTopic);
  EXPECT_EQ(ha_status_topic("homeassistant"), "homeassistant/status");
}

TEST(EntityConfig, EveryProblemIsNamed) {
  EXPECT_EQ(problem(config_of({})), "no entities configured");
  EXPECT_EQ(problem(config_of({entity_on("living room", "b")})),
            "entity \"living room\": device_id may hold only letters, digits, '_' and '-'");
  EXPECT_EQ(problem(config_of({entity_on("", "b")})), "entity \"\": device_id is empty");
  EXPECT_EQ(problem(config_of({entity_on("a", "b"), entity_on("a", "c")})),
            "entity \"a\": device_id is used twice");
  EXPECT_EQ(problem(config_of({entity_on("a", "zig/+")})),
            "entity \"a\": blaster name holds an MQTT wildcard (+ or #)");
  EXPECT_EQ(problem(config_of({entity_on("a", "")})), "entity \"a\": blaster name is empty");

  EntityConfig nameless = entity_on("a", "b");
  nameless.name.clear();
  EXPECT_EQ(problem(config_of({nameless})), "entity \"a\": name is empty");

  EntityConfig sensor = entity_on("a", "b");
  sensor.sensor_topic = "sensors/#";
  EXPECT_EQ(problem(config_of({sensor})),
            "entity \"a\": sensor_topic holds an MQTT wildcard (+ or #)");

  EntityConfig wide = entity_on("a", "b");
  wide.min_temp_c = 8;
  EXPECT_EQ(problem(config_of({wide})),
            "entity \"a\": min_temp_c must be a set point DAIKIN carries (10..32 C in steps of 1), "
            "not 8");
  EntityConfig half = entity_on("a", "b");
  half.max_temp_c = 30.5;
  EXPECT_FALSE(normalized(config_of({half})).ok()) << "DAIKIN has whole degrees only";
  half.model = ir::DaikinProtocol::kDaikin312;
  EXPECT_TRUE(normalized(config_of({half})).ok()) << "DAIKIN312 has halves";

  EntityConfig inverted = entity_on("a", "b");
  inverted.min_temp_c = 30;
  inverted.max_temp_c = 20;
  EXPECT_EQ(problem(config_of({inverted})), "entity \"a\": min_temp_c must be below max_temp_c");

  EntityConfig initial = entity_on("a", "b");
  initial.initial.target_c = 12;
  EXPECT_EQ(problem(config_of({initial})),
            "entity \"a\": initial state: temperature 12 C is out of range 16..32 C");

  EntityConfig object = entity_on("a", "b");
  object.object_id = "Lounge AC";
  EXPECT_EQ(problem(config_of({object})), "entity \"a\": object_id may hold only a-z, 0-9 and '_'");

  EntityConfig same_unique = entity_on("c", "b");
  same_unique.unique_id = "daikin_ac_a";
  EXPECT_EQ(problem(config_of({entity_on("a", "b"), same_unique})),
            "entity \"c\": unique_id \"daikin_ac_a\" is used twice");

  BridgeConfig prefix = config_of({living_room()});
  prefix.discovery_prefix = "";
  EXPECT_EQ(problem(prefix), "discovery_prefix is empty");
  BridgeConfig burst = config_of({living_room()});
  burst.rate_burst = 0;
  EXPECT_EQ(problem(burst), "rate_burst must be at least 1");
  BridgeConfig queue = config_of({living_room()});
  queue.blaster_queue_limit = 0;
  EXPECT_EQ(problem(queue), "queue limits must be at least 1");
}

TEST(EntityConfig, HvacMinTempErrorsNameTheFlagNotTheField) {
  ConfigNames flags;
  flags.min_temp = "--min-temp";
  flags.max_temp = "--max-temp";
  flags.device_id = "--device";
  flags.daikin = "daikin";
  EntityConfig hot = entity_on("a", "b");
  hot.max_temp_c = 40;
  EXPECT_EQ(normalized(config_of({hot}), flags).error(),
            "entity \"a\": --max-temp must be a set point daikin carries (10..32 C in steps of "
            "1), not 40");
  EntityConfig inverted = entity_on("a", "b");
  inverted.min_temp_c = 30;
  inverted.max_temp_c = 20;
  EXPECT_EQ(normalized(config_of({inverted}), flags).error(),
            "entity \"a\": --min-temp must be below --max-temp");
  EXPECT_EQ(normalized(config_of({entity_on("a b", "b")}), flags).error(),
            "entity \"a b\": --device may hold only letters, digits, '_' and '-'");
}

TEST(EntityConfig, CreateRefusesABadConfigurationWithTheReason) {
  sim::VirtualScheduler scheduler;
  sim::CapturedMqtt mqtt{scheduler};
  sim::CapturedConsole log;
  const auto bridge = HvacBridge::create(HvacPorts{scheduler, mqtt, log}, config_of({}));
  ASSERT_FALSE(bridge.ok());
  EXPECT_EQ(bridge.error(), "hvac configuration: no entities configured");
  EXPECT_TRUE(mqtt.will().topic.empty()) << "no will for a bridge that does not exist";
}

}  // namespace
}  // namespace hil::hvac::testing
