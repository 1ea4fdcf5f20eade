// Home Assistant MQTT discovery for one climate entity: the spec's payload as current HA accepts
// it (shared/specs/ir-and-home-assistant-notes.md, "Home Assistant MQTT climate discovery").
// Differences from the spec's example, and why:
//  - default_entity_id ("climate.<object_id>") beside object_id: new HA reads the first, old HA
//    the second;
//  - every *_command_topic is the one JSON set topic, each with a *_command_template so HA's
//    per-attribute commands arrive as the spec's JSON ({"mode": "cool"});
//  - payload_available/payload_not_available "online"/"offline" beside availability_topic;
//  - current_temperature_topic/template only when the entity has a room sensor (without one the
//    template would find no key and HA would log a warning on every state message);
//  - temp_step is the model's step (DAIKIN 1, DAIKIN312 0.5); precision is 0.1 with a sensor (so
//    the room shows as measured), else the model's step (1.0 or 0.5);
//  - qos 1, as the spec's topic table asks of commands (its example says 0);
//  - retain false: HA's "retain" is the retain flag of the commands it publishes, and a retained
//    command would be replayed to the bridge on every reconnect (the spec's example says true).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "firmware_core/hvac/entity_config.h"

namespace hil::hvac {

// The document with keys in a fixed order; the entity must be normalized().
nlohmann::ordered_json discovery_document(const EntityConfig& entity,
                                          std::string_view discovery_prefix,
                                          std::string_view sw_version);
// The same as compact JSON, for the retained config topic.
std::string discovery_payload(const EntityConfig& entity, std::string_view discovery_prefix,
                              std::string_view sw_version);

}  // namespace hil::hvac
