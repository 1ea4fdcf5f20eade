// The MQTT JSON envelope of the stepper node, read from the command table's syntaxes.
#include "firmware_core/stepper/mqtt_envelope.h"

#include <vector>

#include "firmware_core/common/text.h"
#include "firmware_core/stepper/command_table.h"
#include "firmware_core/stepper/serial_grammar.h"

namespace hil::stepper {
namespace {

using nlohmann::json;

Problem param_problem(std::string detail, const std::string& field) {
  return Problem{ErrorCode::kMqttBadParam, std::move(detail), {Field{"field", field}}};
}

// Reads params, refusing names the command does not know and values of the wrong type.
class ParamReader {
 public:
  ParamReader(const json& params, const std::vector<const char*>& allowed) : params_(params) {
    for (auto it = params.begin(); it != params.end(); ++it) {
      bool known = false;
      for (const char* name : allowed)
        known = known || (name != nullptr && core::iequals(it.key(), name));
      if (!known && !problem) problem = param_problem("UNSUPPORTED_FIELD", it.key());
    }
  }

  const json* find(const char* name, const char* alias = nullptr) const {
    for (auto it = params_.begin(); it != params_.end(); ++it) {
      if (core::iequals(it.key(), name) || (alias != nullptr && core::iequals(it.key(), alias)))
        return &it.value();
    }
    return nullptr;
  }

  void integer(const char* name, const char* alias, std::optional<std::int64_t>& out) {
    const json* value = find(name, alias);
    if (value == nullptr || value->is_null()) return;
    if (!value->is_number_integer()) {
      if (!problem) problem = param_problem("WRONG_TYPE", name);
      return;
    }
    if (value->is_number_unsigned() &&
        value->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
      if (!problem) problem = param_problem("OUT_OF_RANGE", name);
      return;
    }
    out = value->get<std::int64_t>();
  }

  void text(const char* name, const char* alias, std::string& out, bool& present) {
    const json* value = find(name, alias);
    present = value != nullptr;
    if (value == nullptr) return;
    if (!value->is_string()) {
      if (!problem) problem = param_problem("WRONG_TYPE", name);
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

std::string targets_text(MotorMask mask) {
  return mask == kAllMotors ? std::string("ALL") : std::to_string(first_motor(mask));
}

json targets_json(MotorMask mask) {
  if (mask == kAllMotors) return "ALL";
  if (single_motor(mask)) return first_motor(mask);
  json ids = json::array();
  for (int i = 0; i < kMotorCount; ++i) {
    if (mask & (1U << i)) ids.push_back(i);
  }
  return ids;
}

// target_ids and the row's numbers by name.
std::optional<Problem> read_motors(const CommandRow& row, const json& params, Command& cmd) {
  std::vector<const char*> allowed = {"target_ids"};
  for (const auto& number : row.numbers) allowed.insert(allowed.end(), {number.name, number.alias});
  ParamReader reader(params, allowed);
  for (const auto& number : row.numbers)
    reader.integer(number.name, number.alias, cmd.*number.slot);
  if (reader.problem) return reader.problem;
  const json* targets = reader.find("target_ids");
  if (targets == nullptr) return param_problem("MISSING_FIELD", "target_ids");
  const auto mask = read_targets(*targets);
  if (!mask) return Problem{ErrorCode::kBadId, {}, {}};
  cmd.motors = *mask;
  for (const auto& number : row.numbers) {
    if (number.required && !(cmd.*number.slot)) return param_problem("MISSING_FIELD", number.name);
  }
  return std::nullopt;
}

// resource, and target_ids naming LAST_OP_TIMING's one motor or ALL: read as the console reads
// `<resource>:<id|ALL>`.
ParsedCommand read_resource(const CommandRow& row, const json& params) {
  ParamReader reader(params, {"resource", "target_ids"});
  bool present = false;
  std::string resource;
  reader.text("resource", nullptr, resource, present);
  if (reader.problem) return ParsedCommand{&row, {}, reader.problem};
  if (const json* targets = reader.find("target_ids")) {
    const auto mask = read_targets(*targets);
    if (!mask) return ParsedCommand{&row, {}, Problem{ErrorCode::kBadId, {}, {}}};
    if (*mask != kAllMotors && !single_motor(*mask)) {
      return ParsedCommand{&row, {}, param_problem("ONE_ID_OR_ALL", "target_ids")};
    }
    resource += ":" + targets_text(*mask);
  }
  return parse_arguments(row, ' ', resource);
}

// SET params: each name stands for the console key of its setting.
std::optional<Problem> read_settings(const json& params, Command& cmd) {
  for (auto it = params.begin(); it != params.end(); ++it) {
    const SettingKey* setting = nullptr;
    for (const auto& key : setting_keys()) {
      if (core::iequals(it.key(), key.name) ||
          (key.alias != nullptr && core::iequals(it.key(), key.alias)))
        setting = &key;
    }
    if (setting == nullptr) return param_problem("UNSUPPORTED_FIELD", it.key());
    const json& value = it.value();
    std::string text;
    if (value.is_number_integer()) {
      text = value.dump();
    } else if (value.is_string()) {
      text = value.get<std::string>();
    } else if (value.is_boolean()) {
      text = value.get<bool>() ? "ON" : "OFF";
    } else {
      return param_problem("WRONG_TYPE", it.key());
    }
    cmd.assignments.emplace_back(setting->key, text);
  }
  if (cmd.assignments.empty()) return param_problem("MISSING_FIELD", setting_keys().front().name);
  return std::nullopt;
}

std::optional<Problem> read_credentials(const json& params, Command& cmd) {
  ParamReader reader(params, {"ssid", "pass", "password"});
  bool has_ssid = false, has_pass = false;
  reader.text("ssid", nullptr, cmd.ssid, has_ssid);
  reader.text("pass", "password", cmd.pass, has_pass);
  if (!reader.problem && !has_ssid)
    reader.problem = Problem{ErrorCode::kNetBadParam, "MISSING_SSID", {}};
  return reader.problem;
}

std::optional<Problem> read_broker_fields(const json& params, Command& cmd) {
  for (auto it = params.begin(); it != params.end(); ++it) {
    const json& value = it.value();
    if (core::iequals(it.key(), "reset")) {
      if (!value.is_boolean()) return param_problem("WRONG_TYPE", "reset");
      cmd.reset = cmd.reset || value.get<bool>();
      continue;
    }
    std::string text;
    if (value.is_string()) {
      text = value.get<std::string>();
    } else if (value.is_number_integer()) {
      text = value.dump();
    } else {
      return param_problem("WRONG_TYPE", it.key());
    }
    cmd.assignments.emplace_back(it.key(), text);  // the handler judges names and values
  }
  if (!cmd.reset && cmd.assignments.empty())
    return Problem{ErrorCode::kMqttBadParam, "NO_FIELDS", {}};
  return std::nullopt;
}

ParsedCommand read_params(const CommandRow& row, const json& params) {
  ParsedCommand out;
  out.row = &row;
  switch (row.syntax) {
    case Syntax::kMotors:
      out.problem = read_motors(row, params, out.command);
      break;
    case Syntax::kResource:
      return read_resource(row, params);
    case Syntax::kSettings:
      out.problem = read_settings(params, out.command);
      break;
    case Syntax::kCredentials:
      out.problem = read_credentials(params, out.command);
      break;
    case Syntax::kBrokerFields:
      out.problem = read_broker_fields(params, out.command);
      break;
    case Syntax::kBare:
    case Syntax::kIgnoresArgs:
      out.problem = ParamReader(params, {}).problem;
      break;
  }
  return out;
}

}  // namespace

Envelope parse_envelope(std::string_view payload) {
  Envelope env;
  env.action_name = "UNKNOWN";
  const auto bad = [&env](const char* reason) {
    env.payload_problem = Problem{ErrorCode::kMqttBadPayload, reason, {}};
    return env;
  };
  if (payload.size() > kMaxMqttPayloadBytes) return bad("TOO_LARGE");
  if (!core::valid_utf8(payload)) return bad("INVALID_UTF8");
  const json doc = json::parse(payload.begin(), payload.end(), nullptr, false);
  if (doc.is_discarded()) return bad("INVALID_JSON");
  if (!doc.is_object()) return bad("NOT_AN_OBJECT");
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (it.key() != "cmd_id" && it.key() != "action" && it.key() != "params" &&
        it.key() != "meta") {
      env.payload_problem =
          Problem{ErrorCode::kMqttBadPayload, "UNSUPPORTED_FIELD", {Field{"field", it.key()}}};
    }
  }
  const auto action = doc.find("action");
  const bool has_action =
      action != doc.end() && action->is_string() && !action->get<std::string>().empty();
  if (has_action) env.action_name = core::to_upper(action->get<std::string>());
  if (const auto id = doc.find("cmd_id"); id != doc.end()) {
    // A control character would end or rewrite the console line the id is echoed on.
    if (!id->is_string() || id->get<std::string>().empty() || id->get<std::string>().size() > 64 ||
        core::has_control(id->get<std::string>())) {
      return bad("BAD_CMD_ID");
    }
    env.cmd_id = id->get<std::string>();
  }
  if (env.payload_problem) return env;
  if (!has_action) return bad("MISSING_ACTION");
  const CommandRow* row = find_command(env.action_name);
  if (row == nullptr) {
    env.parsed.problem = Problem{ErrorCode::kBadCmd, {}, {}};
    return env;
  }
  env.action_name = row->name;
  env.parsed.row = row;
  if (!row->has(kOverMqtt)) {
    env.parsed.problem = Problem{ErrorCode::kMqttUnsupportedAction, {}, {}};
    return env;
  }
  static const json kEmpty = json::object();
  const auto params = doc.find("params");
  if (params != doc.end() && !params->is_object() && !params->is_null()) {
    env.parsed.problem = param_problem("WRONG_TYPE", "params");
    return env;
  }
  env.parsed = read_params(*row, params == doc.end() || params->is_null() ? kEmpty : *params);
  return env;
}

nlohmann::json command_to_params(const ParsedCommand& parsed) {
  json params = json::object();
  if (parsed.row == nullptr) return params;
  const Command& cmd = parsed.command;
  switch (parsed.row->syntax) {
    case Syntax::kMotors:
      params["target_ids"] = targets_json(cmd.motors);
      for (const auto& number : parsed.row->numbers) {
        if (cmd.*number.slot) params[number.name] = *(cmd.*number.slot);
      }
      break;
    case Syntax::kResource:
      params["resource"] = cmd.resource;
      if (cmd.timing_motors && *cmd.timing_motors != kAllMotors)
        params["target_ids"] = first_motor(*cmd.timing_motors);
      break;
    case Syntax::kSettings:
      for (const auto& [key, value] : cmd.assignments) {
        const SettingKey* setting = nullptr;
        for (const auto& known : setting_keys()) {
          if (core::iequals(key, known.key)) setting = &known;
        }
        const auto number = core::parse_int(value);
        if (setting == nullptr) {
          params[key] = value;  // the node names what it does not know
        } else if (setting->number && number) {
          params[setting->name] = *number;
        } else {
          params[setting->name] = value;
        }
      }
      break;
    case Syntax::kCredentials:
      params["ssid"] = cmd.ssid;
      params["pass"] = cmd.pass;
      break;
    case Syntax::kBrokerFields:
      if (cmd.reset) params["reset"] = true;
      for (const auto& [key, value] : cmd.assignments) {
        const auto number = core::parse_int(value);
        if (core::iequals(key, "port") && number) {
          params["port"] = *number;
        } else {
          params[key] = value;
        }
      }
      break;
    case Syntax::kBare:
    case Syntax::kIgnoresArgs:
      break;
  }
  return params;
}

nlohmann::json describe_params(const CommandRow& row) {
  json params = json::array();
  const auto param = [&params](const char* name, const char* type, bool required,
                               const char* alias = nullptr) {
    json entry = {
        {"name", name}, {"type", type}, {"required", required}, {"aliases", json::array()}};
    if (alias != nullptr) entry["aliases"].push_back(alias);
    params.push_back(std::move(entry));
  };
  switch (row.syntax) {
    case Syntax::kMotors:
      param("target_ids", "motors", true);
      for (const auto& number : row.numbers)
        param(number.name, "integer", number.required, number.alias);
      break;
    case Syntax::kResource:
      param("resource", "string", false);
      param("target_ids", "motors", false);
      break;
    case Syntax::kSettings:
      for (const auto& key : setting_keys())
        param(key.name, key.number ? "integer" : "string", false, key.alias);
      break;
    case Syntax::kCredentials:
      param("ssid", "string", true);
      param("pass", "string", false, "password");
      break;
    case Syntax::kBrokerFields:
      for (const char* field : {"host", "user", "pass"}) param(field, "string", false);
      param("port", "integer", false);
      param("reset", "boolean", false);
      break;
    case Syntax::kBare:
    case Syntax::kIgnoresArgs:
      break;
  }
  return params;
}

}  // namespace hil::stepper
