// The MQTT JSON envelope of the stepper node.
#include "firmware_core/stepper/mqtt_envelope.h"

#include <initializer_list>

#include "firmware_core/common/text.h"
#include "firmware_core/stepper/serial_grammar.h"

namespace hil::core {
namespace {

using nlohmann::json;

Problem param_problem(std::string detail, const std::string& field) {
  return Problem{"MQTT_BAD_PARAM", std::move(detail), {Field{"field", field}}};
}

// Reads params, refusing names the action does not know and values of the wrong type.
class ParamReader {
 public:
  ParamReader(const json& params, std::initializer_list<const char*> allowed) : params_(params) {
    for (auto it = params.begin(); it != params.end(); ++it) {
      bool known = false;
      for (const char* name : allowed) known = known || iequals(it.key(), name);
      if (!known && !problem) problem = param_problem("UNSUPPORTED_FIELD", it.key());
    }
  }

  const json* find(std::initializer_list<const char*> names) const {
    for (auto it = params_.begin(); it != params_.end(); ++it) {
      for (const char* name : names) {
        if (iequals(it.key(), name)) return &it.value();
      }
    }
    return nullptr;
  }

  void integer(std::initializer_list<const char*> names, std::optional<std::int64_t>& out) {
    const json* value = find(names);
    if (value == nullptr || value->is_null()) return;
    if (!value->is_number_integer()) {
      if (!problem) problem = param_problem("WRONG_TYPE", *names.begin());
      return;
    }
    if (value->is_number_unsigned() && value->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
      if (!problem) problem = param_problem("OUT_OF_RANGE", *names.begin());
      return;
    }
    out = value->get<std::int64_t>();
  }

  void text(std::initializer_list<const char*> names, std::string& out, bool& present) {
    const json* value = find(names);
    present = value != nullptr;
    if (value == nullptr) return;
    if (!value->is_string()) {
      if (!problem) problem = param_problem("WRONG_TYPE", *names.begin());
      return;
    }
    out = value->get<std::string>();
  }

  std::optional<Problem> problem;

 private:
  const json& params_;
};

// target_ids: 0..7, "ALL", "3", or a list of ids.
std::optional<MotorMask> read_targets(const json& value) {
  if (value.is_number_integer()) {
    const auto id = value.get<std::int64_t>();
    if (id < 0 || id >= kMotorCount) return std::nullopt;
    return static_cast<MotorMask>(1U << id);
  }
  if (value.is_string()) return parse_motor_target(value.get<std::string>());
  if (value.is_array() && !value.empty()) {
    MotorMask mask = 0;
    for (const auto& item : value) {
      const auto one = read_targets(item);
      if (!one || item.is_array()) return std::nullopt;
      mask |= *one;
    }
    return mask;
  }
  return std::nullopt;
}

void read_motion(ParamReader& reader, Command& cmd, std::optional<Problem>& problem) {
  const json* targets = reader.find({"target_ids"});
  if (targets == nullptr) {
    problem = param_problem("MISSING_FIELD", "target_ids");
    return;
  }
  const auto mask = read_targets(*targets);
  if (!mask) {
    problem = Problem{"E02", {}, {}};
    return;
  }
  cmd.motors = *mask;
}

// SET params: each name maps to the console key it stands for.
bool read_settings(const json& params, Command& cmd, std::optional<Problem>& problem) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"speed_sps", "SPEED"},   {"speed", "SPEED"},     {"accel_sps2", "ACCEL"},
      {"accel", "ACCEL"},       {"decel_sps2", "DECEL"}, {"decel", "DECEL"},
      {"thermal_limiting", "THERMAL_LIMITING"}, {"microstep", "MICROSTEP"},
  };
  for (auto it = params.begin(); it != params.end(); ++it) {
    const char* key = nullptr;
    for (const auto& [name, console_key] : kNames) {
      if (iequals(it.key(), name)) key = console_key;
    }
    if (key == nullptr) {
      problem = param_problem("UNSUPPORTED_FIELD", it.key());
      return false;
    }
    const json& value = it.value();
    std::string text;
    if (value.is_number_integer()) {
      text = value.dump();
    } else if (value.is_string()) {
      text = value.get<std::string>();
    } else if (value.is_boolean()) {
      text = value.get<bool>() ? "ON" : "OFF";
    } else {
      problem = param_problem("WRONG_TYPE", it.key());
      return false;
    }
    cmd.assignments.emplace_back(key, text);
  }
  if (cmd.assignments.empty()) {
    problem = param_problem("MISSING_FIELD", "speed_sps");
    return false;
  }
  return true;
}

bool read_broker_config(const json& params, Command& cmd, std::optional<Problem>& problem) {
  for (auto it = params.begin(); it != params.end(); ++it) {
    const json& value = it.value();
    if (iequals(it.key(), "reset")) {
      if (!value.is_boolean()) {
        problem = param_problem("WRONG_TYPE", "reset");
        return false;
      }
      cmd.reset = cmd.reset || value.get<bool>();
      continue;
    }
    std::string text;
    if (value.is_string()) {
      text = value.get<std::string>();
    } else if (value.is_number_integer()) {
      text = value.dump();
    } else {
      problem = param_problem("WRONG_TYPE", it.key());
      return false;
    }
    cmd.assignments.emplace_back(it.key(), text);  // the dispatcher judges names and values
  }
  if (!cmd.reset && cmd.assignments.empty()) {
    problem = Problem{"MQTT_BAD_PARAM", "NO_FIELDS", {}};
    return false;
  }
  return true;
}

ParsedCommand read_params(Action action, const json& params) {
  ParsedCommand out;
  out.action = action;
  Command& cmd = out.command;
  cmd.action = action;
  std::optional<Problem>& problem = out.problem;
  switch (action) {
    case Action::kMove: {
      ParamReader reader(params, {"target_ids", "position_steps", "speed_sps", "speed", "accel_sps2", "accel"});
      std::optional<std::int64_t> target;
      reader.integer({"position_steps"}, target);
      reader.integer({"speed_sps", "speed"}, cmd.speed_sps);
      reader.integer({"accel_sps2", "accel"}, cmd.accel_sps2);
      if (!reader.problem) read_motion(reader, cmd, reader.problem);
      if (!reader.problem && !target) reader.problem = param_problem("MISSING_FIELD", "position_steps");
      if (target) cmd.target_steps = *target;
      problem = reader.problem;
      break;
    }
    case Action::kHome: {
      ParamReader reader(params, {"target_ids", "overshoot_steps", "backoff_steps", "speed_sps", "speed",
                                  "accel_sps2", "accel", "full_range_steps"});
      reader.integer({"overshoot_steps"}, cmd.overshoot_steps);
      reader.integer({"backoff_steps"}, cmd.backoff_steps);
      reader.integer({"speed_sps", "speed"}, cmd.speed_sps);
      reader.integer({"accel_sps2", "accel"}, cmd.accel_sps2);
      reader.integer({"full_range_steps"}, cmd.full_range_steps);
      if (!reader.problem) read_motion(reader, cmd, reader.problem);
      problem = reader.problem;
      break;
    }
    case Action::kWake:
    case Action::kSleep: {
      ParamReader reader(params, {"target_ids"});
      if (!reader.problem) read_motion(reader, cmd, reader.problem);
      problem = reader.problem;
      break;
    }
    case Action::kGet: {
      ParamReader reader(params, {"resource", "target_ids"});
      bool present = false;
      std::string resource;
      reader.text({"resource"}, resource, present);
      if (!reader.problem) {
        std::string console = "GET " + resource;
        if (const json* targets = reader.find({"target_ids"})) {
          const auto mask = read_targets(*targets);
          if (!mask) return ParsedCommand{action, cmd, Problem{"E02", {}, {}}};
          if (*mask != kAllMotors && (*mask & (*mask - 1)) != 0) {
            return ParsedCommand{action, cmd, param_problem("ONE_ID_OR_ALL", "target_ids")};
          }
          console += ":" + (*mask == kAllMotors ? std::string("ALL") : std::to_string(__builtin_ctz(*mask)));
        }
        return parse_serial_command(console);
      }
      problem = reader.problem;
      break;
    }
    case Action::kSet:
      read_settings(params, cmd, problem);
      break;
    case Action::kNetSet: {
      ParamReader reader(params, {"ssid", "pass", "password"});
      bool has_ssid = false, has_pass = false;
      reader.text({"ssid"}, cmd.ssid, has_ssid);
      reader.text({"pass", "password"}, cmd.pass, has_pass);
      if (!reader.problem && !has_ssid) reader.problem = Problem{"NET_BAD_PARAM", "MISSING_SSID", {}};
      problem = reader.problem;
      break;
    }
    case Action::kMqttSetConfig:
      read_broker_config(params, cmd, problem);
      break;
    default: {
      ParamReader reader(params, {});
      problem = reader.problem;
      break;
    }
  }
  return out;
}

}  // namespace

Envelope parse_envelope(std::string_view payload) {
  Envelope env;
  env.action_name = "UNKNOWN";
  const auto bad = [&env](const char* reason) {
    env.payload_problem = Problem{"MQTT_BAD_PAYLOAD", reason, {}};
    return env;
  };
  if (payload.size() > kMaxMqttPayloadBytes) return bad("TOO_LARGE");
  if (!valid_utf8(payload)) return bad("INVALID_UTF8");
  const json doc = json::parse(payload.begin(), payload.end(), nullptr, false);
  if (doc.is_discarded()) return bad("INVALID_JSON");
  if (!doc.is_object()) return bad("NOT_AN_OBJECT");
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (it.key() != "cmd_id" && it.key() != "action" && it.key() != "params" && it.key() != "meta") {
      env.payload_problem = Problem{"MQTT_BAD_PAYLOAD", "UNSUPPORTED_FIELD", {Field{"field", it.key()}}};
    }
  }
  const auto action = doc.find("action");
  const bool has_action = action != doc.end() && action->is_string() && !action->get<std::string>().empty();
  if (has_action) env.action_name = to_upper(action->get<std::string>());
  if (const auto id = doc.find("cmd_id"); id != doc.end()) {
    if (!id->is_string() || id->get<std::string>().empty() || id->get<std::string>().size() > 64) {
      return bad("BAD_CMD_ID");
    }
    env.cmd_id = id->get<std::string>();
  }
  if (env.payload_problem) return env;
  if (!has_action) return bad("MISSING_ACTION");
  const ActionInfo* row = find_action(env.action_name);
  if (row == nullptr) {
    env.parsed.problem = Problem{"E01", {}, {}};
    return env;
  }
  env.action_name = row->name;
  if (!row->mqtt_allowed) {
    env.parsed.action = row->action;
    env.parsed.problem = Problem{"MQTT_UNSUPPORTED_ACTION", {}, {}};
    return env;
  }
  static const json kEmpty = json::object();
  const auto params = doc.find("params");
  if (params != doc.end() && !params->is_object() && !params->is_null()) {
    env.parsed.action = row->action;
    env.parsed.problem = param_problem("WRONG_TYPE", "params");
    return env;
  }
  env.parsed = read_params(row->action, params == doc.end() || params->is_null() ? kEmpty : *params);
  return env;
}

nlohmann::json command_to_params(const Command& cmd) {
  json params = json::object();
  const auto targets = [&cmd]() -> json {
    if (cmd.motors == kAllMotors) return "ALL";
    if ((cmd.motors & (cmd.motors - 1)) == 0) return __builtin_ctz(cmd.motors);
    json ids = json::array();
    for (int i = 0; i < kMotorCount; ++i) {
      if (cmd.motors & (1U << i)) ids.push_back(i);
    }
    return ids;
  };
  const auto put = [&params](const char* key, const std::optional<std::int64_t>& value) {
    if (value) params[key] = *value;
  };
  switch (cmd.action) {
    case Action::kMove:
      params["target_ids"] = targets();
      params["position_steps"] = cmd.target_steps;
      put("speed_sps", cmd.speed_sps);
      put("accel_sps2", cmd.accel_sps2);
      break;
    case Action::kHome:
      params["target_ids"] = targets();
      put("overshoot_steps", cmd.overshoot_steps);
      put("backoff_steps", cmd.backoff_steps);
      put("speed_sps", cmd.speed_sps);
      put("accel_sps2", cmd.accel_sps2);
      put("full_range_steps", cmd.full_range_steps);
      break;
    case Action::kWake:
    case Action::kSleep:
      params["target_ids"] = targets();
      break;
    case Action::kGet:
      params["resource"] = cmd.resource;
      if (cmd.timing_motors && *cmd.timing_motors != kAllMotors) {
        params["target_ids"] = __builtin_ctz(*cmd.timing_motors);
      }
      break;
    case Action::kSet:
      for (const auto& [key, value] : cmd.assignments) {
        const std::string upper = to_upper(key);
        const char* name = upper == "SPEED"   ? "speed_sps"
                           : upper == "ACCEL" ? "accel_sps2"
                           : upper == "DECEL" ? "decel_sps2"
                           : upper == "THERMAL_LIMITING" ? "thermal_limiting"
                           : upper == "MICROSTEP"        ? "MICROSTEP"
                                                         : nullptr;
        const auto number = parse_int(value);
        if (name == nullptr) {
          params[key] = value;
        } else if (number && upper != "MICROSTEP") {
          params[name] = *number;
        } else {
          params[name] = value;
        }
      }
      break;
    case Action::kNetSet:
      params["ssid"] = cmd.ssid;
      params["pass"] = cmd.pass;
      break;
    case Action::kMqttSetConfig:
      if (cmd.reset) params["reset"] = true;
      for (const auto& [key, value] : cmd.assignments) {
        const auto number = parse_int(value);
        if (iequals(key, "port") && number) {
          params["port"] = *number;
        } else {
          params[key] = value;
        }
      }
      break;
    default:
      break;
  }
  return params;
}

}  // namespace hil::core
