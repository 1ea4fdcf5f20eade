// Topic names, exactly as the spec and Zigbee2MQTT spell them.
#include "firmware_core/hvac/topics.h"

namespace hil::hvac {

EntityTopics entity_topics(std::string_view discovery_prefix, const EntityConfig& entity) {
  const std::string base = std::string(discovery_prefix) + "/climate/" + entity.device_id + "/";
  const std::string blaster = "zigbee2mqtt/" + entity.blaster + "/";
  return EntityTopics{base + "config",       base + "set",    base + "state",
                      base + "availability", blaster + "set", blaster + "availability"};
}

std::string ha_status_topic(std::string_view discovery_prefix) {
  return std::string(discovery_prefix) + "/status";
}

}  // namespace hil::hvac
