// The HVAC bridge's configuration: its climate entities, their IR blasters and room sensors, and
// the limits on sending. Contracts: shared/specs/hvac-climate-mqtt.md as corrected by
// shared/specs/ir-and-home-assistant-notes.md.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "firmware_core/ir/climate_result.h"
#include "firmware_core/ir/climate_state.h"
#include "firmware_core/ir/daikin_settings.h"
#include "firmware_core/ports/scheduler.h"

namespace hil::hvac {

using ir::Checked;
using ir::CheckError;

// One air conditioner as one Home Assistant climate entity.
struct EntityConfig {
  std::string device_id;  // topic segment: <prefix>/climate/<device_id>/...; letters, digits, _ -
  std::string name;       // display name in HA, e.g. "Living Room AC"
  std::string blaster;    // Zigbee2MQTT friendly name of the IR blaster, e.g. "ir_blaster_01"
  ir::DaikinProtocol model = ir::DaikinProtocol::kDaikin;
  // Room temperature sensor; empty: none. Its payload is a bare number ("22.5") or a JSON object
  // holding the number under sensor_key ({"temperature": 22.5}, as Zigbee2MQTT sensors publish).
  std::string sensor_topic;
  std::string sensor_key = "temperature";
  // What the bridge assumes until the first command (the spec's startup state).
  ir::ClimateState initial{false, ir::Mode::kCool, 24.0, ir::FanSpeed::kAuto, ir::Swing::kOff};
  // Set points offered to HA: must lie inside the model's IR range and on its step. The default is
  // the spec's 16..32 C; the IR codes themselves carry 10..32 C.
  double min_temp_c = 16.0;
  double max_temp_c = 32.0;
  // Discovery identity; empty fields get defaults from normalized(): unique_id
  // "daikin_ac_<device_id>", object_id "<device_id>_ac" (lower case, '-' as '_'), device_name the
  // display name, device_model "DAIKIN IR protocol" or "DAIKIN312 IR protocol".
  std::string unique_id;
  std::string object_id;
  std::string device_name;
  std::string device_model;
};

struct BridgeConfig {
  std::string discovery_prefix = "homeassistant";
  std::vector<EntityConfig> entities;
  std::string sw_version = "0.1.0";  // shown in HA's device registry
  // Per entity: rate_burst frames at once, then one per rate_interval (a token bucket).
  std::size_t rate_burst = 3;
  core::Micros rate_interval{1'000'000};
  // Per blaster: a send counts as in flight for this long; the next one waits until it has passed.
  core::Micros blaster_spacing{1'000'000};
  // Frames held while the broker is unreachable (all blasters together) and per offline blaster;
  // beyond either limit the oldest frame is dropped.
  std::size_t broker_queue_limit = 100;
  std::size_t blaster_queue_limit = 10;
};

// The model names configs use: "DAIKIN", "DAIKIN312" (IRremoteESP8266's names).
Checked<ir::DaikinProtocol> parse_model(std::string_view name);
// What the entity may offer of the model: 10..32 C, DAIKIN in whole degrees (its frame carries
// halves, the spec's entity steps by one), DAIKIN312 in half degrees.
const ir::TemperatureRange& ir_temperature_range(ir::DaikinProtocol model);
// What the entity offers HA and accepts in commands: min_temp_c..max_temp_c on the model's step.
ir::TemperatureRange temperature_range(const EntityConfig& entity);

// What the checks call each value in their messages: the fields' own names unless the values came
// from somewhere users name them otherwise (a configuration file's keys, a command line's flags).
struct ConfigNames {
  std::string device_id = "device_id";
  std::string name = "name";
  std::string blaster = "blaster name";
  std::string model = "model";
  std::string sensor_topic = "sensor_topic";
  std::string min_temp = "min_temp_c";
  std::string max_temp = "max_temp_c";
  std::string discovery_prefix = "discovery_prefix";
  std::string daikin = "DAIKIN";  // the models, as the values were written
  std::string daikin312 = "DAIKIN312";
};

// Fills in the defaults above and checks everything; the first problem found, naming the entity
// ("entity \"living room\": device_id may hold only letters, digits, '_' and '-'").
Checked<BridgeConfig> normalized(BridgeConfig config, const ConfigNames& names = {});

}  // namespace hil::hvac
