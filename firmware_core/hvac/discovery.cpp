// The discovery document of a climate entity.
#include "firmware_core/hvac/discovery.h"

#include "firmware_core/hvac/json_number.h"
#include "firmware_core/hvac/topics.h"

namespace hil::hvac {
namespace {

using Json = nlohmann::ordered_json;

// "{{ value_json.mode }}"
std::string state_template(const char* key) { return std::string("{{ value_json.") + key + " }}"; }

// One attribute HA commands and reads back: command topic and template, state topic and template.
void attribute(Json& doc, const std::string& name, const std::string& command_template,
               const EntityTopics& topics) {
  doc[name + "_command_topic"] = topics.set;
  doc[name + "_command_template"] = command_template;
  doc[name + "_state_topic"] = topics.state;
  doc[name + "_state_template"] = state_template(name.c_str());
}

}  // namespace

Json discovery_document(const EntityConfig& entity, std::string_view discovery_prefix,
                        std::string_view sw_version) {
  const EntityTopics topics = entity_topics(discovery_prefix, entity);
  const ir::TemperatureRange range = temperature_range(entity);
  const bool has_sensor = !entity.sensor_topic.empty();

  Json doc;
  doc["name"] = entity.name;
  doc["unique_id"] = entity.unique_id;
  doc["object_id"] = entity.object_id;
  doc["default_entity_id"] = "climate." + entity.object_id;
  doc["device"] = Json{{"identifiers", Json::array({entity.unique_id})},
                       {"name", entity.device_name},
                       {"model", entity.device_model},
                       {"manufacturer", "Daikin"},
                       {"sw_version", std::string(sw_version)}};
  attribute(doc, "mode", R"({"mode": "{{ value }}"})", topics);
  attribute(doc, "temperature", R"({"temperature": {{ value }}})", topics);
  if (has_sensor) {
    doc["current_temperature_topic"] = topics.state;
    doc["current_temperature_template"] = state_template("current_temperature");
  }
  attribute(doc, "fan_mode", R"({"fan_mode": "{{ value }}"})", topics);
  attribute(doc, "swing_mode", R"({"swing_mode": "{{ value }}"})", topics);
  doc["action_topic"] = topics.state;
  doc["action_template"] = state_template("action");
  doc["availability_topic"] = topics.availability;
  doc["payload_available"] = "online";
  doc["payload_not_available"] = "offline";
  doc["modes"] = Json::array({"off", "cool", "heat", "dry", "fan_only", "auto"});
  doc["fan_modes"] = Json::array({"auto", "quiet", "1", "2", "3", "4", "5"});
  doc["swing_modes"] = Json::array({"off", "vertical", "horizontal", "both"});
  doc["min_temp"] = json_number(range.min_c);
  doc["max_temp"] = json_number(range.max_c);
  doc["temp_step"] = json_number(range.step_c);
  doc["precision"] = has_sensor ? 0.1 : range.step_c;
  doc["temperature_unit"] = "C";
  doc["qos"] = 1;
  doc["retain"] = false;
  doc["optimistic"] = false;
  return doc;
}

std::string discovery_payload(const EntityConfig& entity, std::string_view discovery_prefix,
                              std::string_view sw_version) {
  return discovery_document(entity, discovery_prefix, sw_version)
      .dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace hil::hvac
