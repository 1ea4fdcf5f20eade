// Bridge configuration: model names, temperature ranges, defaults and checks.
#include "firmware_core/hvac/entity_config.h"

#include <set>

#include "firmware_core/common/text.h"
#include "firmware_core/ir/daikin.h"
#include "firmware_core/ir/daikin312.h"

namespace hil::hvac {
namespace {

bool is_segment_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

bool is_object_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// An MQTT topic the bridge publishes to or subscribes to literally: no wildcards, no NUL.
std::string topic_problem(std::string_view topic) {
  if (topic.empty()) return "is empty";
  if (topic.find_first_of("+#") != std::string_view::npos) return "holds an MQTT wildcard (+ or #)";
  if (topic.find('\0') != std::string_view::npos) return "holds a NUL byte";
  if (!core::valid_utf8(topic)) return "is not valid UTF-8";
  return {};
}

std::string default_object_id(std::string_view device_id) {
  std::string out;
  for (char c : device_id) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out += c == '-' ? '_' : c;
  }
  return out + "_ac";
}

bool on_step(double value, const ir::TemperatureRange& range) {
  return ir::check_temperature(value, range).ok();
}

CheckError entity_error(const EntityConfig& entity, const std::string& what) {
  return CheckError{"entity \"" + entity.device_id + "\": " + what};
}

const std::string& model_name(ir::DaikinProtocol model, const ConfigNames& names) {
  return model == ir::DaikinProtocol::kDaikin312 ? names.daikin312 : names.daikin;
}

// "min_temp_c must be a set point DAIKIN carries (10..32 C in steps of 1), not 40"; "" when it is.
std::string set_point_problem(double value, const std::string& name, ir::DaikinProtocol model,
                              const ConfigNames& names) {
  const ir::TemperatureRange& range = ir_temperature_range(model);
  if (on_step(value, range)) return {};
  return name + " must be a set point " + model_name(model, names) + " carries (" +
         ir::format_celsius(range.min_c) + ".." + ir::format_celsius(range.max_c) +
         " C in steps of " + ir::format_celsius(range.step_c) + "), not " +
         ir::format_celsius(value);
}

std::string check_entity(EntityConfig& entity, const ConfigNames& names) {
  if (entity.device_id.empty()) return names.device_id + " is empty";
  for (char c : entity.device_id) {
    if (!is_segment_char(c)) return names.device_id + " may hold only letters, digits, '_' and '-'";
  }
  if (entity.name.empty()) return names.name + " is empty";
  if (!core::valid_utf8(entity.name)) return names.name + " is not valid UTF-8";
  if (const auto problem = topic_problem(entity.blaster); !problem.empty()) {
    return names.blaster + " " + problem;
  }
  if (entity.model != ir::DaikinProtocol::kDaikin &&
      entity.model != ir::DaikinProtocol::kDaikin312) {
    return names.model + " is neither " + names.daikin + " nor " + names.daikin312;
  }
  if (!entity.sensor_topic.empty()) {
    if (const auto problem = topic_problem(entity.sensor_topic); !problem.empty()) {
      return names.sensor_topic + " " + problem;
    }
  }
  for (const auto& [value, name] : {std::pair{entity.min_temp_c, &names.min_temp},
                                    std::pair{entity.max_temp_c, &names.max_temp}}) {
    if (auto problem = set_point_problem(value, *name, entity.model, names); !problem.empty())
      return problem;
  }
  if (entity.min_temp_c >= entity.max_temp_c)
    return names.min_temp + " must be below " + names.max_temp;
  const std::string model(ir::to_string(entity.model));
  if (const auto initial = ir::validated(entity.initial, temperature_range(entity)); !initial) {
    return "initial state: " + initial.error();
  }
  if (entity.unique_id.empty()) entity.unique_id = "daikin_ac_" + entity.device_id;
  if (entity.object_id.empty()) entity.object_id = default_object_id(entity.device_id);
  if (entity.device_name.empty()) entity.device_name = entity.name;
  if (entity.device_model.empty()) entity.device_model = model + " IR protocol";
  if (!core::valid_utf8(entity.unique_id)) return "unique_id is not valid UTF-8";
  for (char c : entity.object_id) {
    if (!is_object_id_char(c)) return "object_id may hold only a-z, 0-9 and '_'";
  }
  if (!core::valid_utf8(entity.device_name) || !core::valid_utf8(entity.device_model)) {
    return "device_name and device_model must be valid UTF-8";
  }
  return {};
}

}  // namespace

Checked<ir::DaikinProtocol> parse_model(std::string_view name) {
  if (name == "DAIKIN") return ir::DaikinProtocol::kDaikin;
  if (name == "DAIKIN312") return ir::DaikinProtocol::kDaikin312;
  return CheckError{"\"" + std::string(name) + "\" is not a supported model (DAIKIN, DAIKIN312)"};
}

const ir::TemperatureRange& ir_temperature_range(ir::DaikinProtocol model) {
  // A DAIKIN frame carries half degrees, but the entity offers Home Assistant the whole degrees of
  // the spec's discovery example (temp_step 1): the ARC remotes it stands for step by one degree.
  static constexpr ir::TemperatureRange kDaikinEntityTemperatures{
      ir::kDaikinTemperatures.min_c, ir::kDaikinTemperatures.max_c, 1.0};
  return model == ir::DaikinProtocol::kDaikin312 ? ir::kDaikin312Temperatures
                                                 : kDaikinEntityTemperatures;
}

ir::TemperatureRange temperature_range(const EntityConfig& entity) {
  return ir::TemperatureRange{entity.min_temp_c, entity.max_temp_c,
                              ir_temperature_range(entity.model).step_c};
}

Checked<BridgeConfig> normalized(BridgeConfig config, const ConfigNames& names) {
  if (const auto problem = topic_problem(config.discovery_prefix); !problem.empty()) {
    return CheckError{names.discovery_prefix + " " + problem};
  }
  if (config.entities.empty()) return CheckError{"no entities configured"};
  if (config.rate_burst == 0) return CheckError{"rate_burst must be at least 1"};
  if (config.rate_interval.count() <= 0) return CheckError{"rate_interval must be positive"};
  if (config.blaster_spacing.count() < 0) return CheckError{"blaster_spacing must not be negative"};
  if (config.broker_queue_limit == 0 || config.blaster_queue_limit == 0) {
    return CheckError{"queue limits must be at least 1"};
  }
  std::set<std::string> device_ids;
  std::set<std::string> unique_ids;
  std::set<std::string> object_ids;
  for (EntityConfig& entity : config.entities) {
    if (const auto problem = check_entity(entity, names); !problem.empty()) {
      return entity_error(entity, problem);
    }
    if (!device_ids.insert(entity.device_id).second) {
      return entity_error(entity, names.device_id + " is used twice");
    }
    if (!unique_ids.insert(entity.unique_id).second) {
      return entity_error(entity, "unique_id \"" + entity.unique_id + "\" is used twice");
    }
    if (!object_ids.insert(entity.object_id).second) {
      return entity_error(entity, "object_id \"" + entity.object_id + "\" is used twice");
    }
  }
  return config;
}

}  // namespace hil::hvac
