// The MQTT topics of one climate entity: Home Assistant's side and its IR blaster's side.
#pragma once

#include <string>
#include <string_view>

#include "firmware_core/hvac/entity_config.h"

namespace hil::hvac {

struct EntityTopics {
  std::string config;        // <prefix>/climate/<device>/config: discovery, retained
  std::string set;           // <prefix>/climate/<device>/set: commands from HA
  std::string state;         // <prefix>/climate/<device>/state: state for HA, retained
  std::string availability;  // <prefix>/climate/<device>/availability: online/offline, retained
  std::string blaster_set;   // zigbee2mqtt/<blaster>/set: {"ir_code_to_send": ...}
  std::string blaster_availability;  // zigbee2mqtt/<blaster>/availability: Z2M's availability
};

EntityTopics entity_topics(std::string_view discovery_prefix, const EntityConfig& entity);

// Where HA announces itself ("online", not retained) and its going away ("offline").
std::string ha_status_topic(std::string_view discovery_prefix);

}  // namespace hil::hvac
