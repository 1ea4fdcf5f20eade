// `hilbench hvac --config FILE`: several climate entities, each bound to a blaster, in YAML.
//
//   discovery_prefix: homeassistant        # optional
//   rate_limit: {burst: 3, interval_ms: 1000}
//   blaster_spacing_ms: 1000
//   queue_limits: {broker: 100, blaster: 10}
//   entities:
//     - device: living_room                 # required: the topic segment
//       name: Living Room AC                # required
//       blaster: ir_blaster_01              # required: the Zigbee2MQTT friendly name
//       model: daikin                       # daikin (default) or daikin312
//       sensor: {topic: zigbee2mqtt/living_room_sensor, key: temperature}   # optional
//       min_temp: 16                        # optional, with max_temp
//       max_temp: 32
//
// Unknown keys and wrong types are errors with file:line:column.
#pragma once

#include <string>
#include <variant>

#include "firmware_core/hvac/entity_config.h"

namespace hil::bench {

struct HvacConfigError {
  std::string where;  // file:line:column
  std::string message;
  std::string to_string() const { return where + ": " + message; }
};

std::variant<hvac::BridgeConfig, HvacConfigError> load_hvac_config(const std::string& path);
// The same for a configuration held in memory: `text` stands for the file at `path`.
std::variant<hvac::BridgeConfig, HvacConfigError> load_hvac_config_text(const std::string& text,
                                                                        const std::string& path);

}  // namespace hil::bench
