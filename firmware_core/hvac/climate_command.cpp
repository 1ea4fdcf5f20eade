// Parsing and checking HA's climate commands: the JSON form and the raw per-attribute form.
#include "firmware_core/hvac/climate_command.h"

#include <array>
#include <cmath>
#include <nlohmann/json.hpp>

#include "firmware_core/common/text.h"

namespace hil::hvac {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kModeList = "off, cool, heat, dry, fan_only, auto";
constexpr const char* kFanList = "auto, quiet, 1, 2, 3, 4, 5";
constexpr const char* kSwingList = "off, vertical, horizontal, both";
constexpr const char* kKeyList = "mode, temperature, fan_mode, swing_mode";
constexpr std::size_t kExcerptChars = 40;

// A JSON value as the user wrote it, for messages.
std::string shown(const Json& value) {
  return excerpt(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

std::string in_quotes(std::string_view text) { return "\"" + excerpt(text) + "\""; }

std::string json_type(const Json& value) {
  if (value.is_array()) return "an array";
  if (value.is_object()) return "an object";
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_null()) return "null";
  return shown(value);
}

// "off" or one of ir::Mode's names.
Checked<ClimateCommand> mode_command(std::string_view name) {
  ClimateCommand command;
  if (name == "off") {
    command.power = false;
    return command;
  }
  const auto mode = ir::parse_mode(name);
  if (!mode) {
    return CheckError{"Invalid mode: " + in_quotes(name) + " is not one of " + kModeList};
  }
  command.power = true;
  command.mode = *mode;
  return command;
}

Checked<double> checked_temperature(double value, const ir::TemperatureRange& range) {
  if (!std::isfinite(value) || value < range.min_c || value > range.max_c) {
    return CheckError{"Invalid temperature: must be between " + ir::format_celsius(range.min_c) +
                      " and " + ir::format_celsius(range.max_c)};
  }
  const double steps = (value - range.min_c) / range.step_c;
  if (std::fabs(steps - std::round(steps)) > 1e-9) {
    return CheckError{"Invalid temperature: must be in steps of " +
                      ir::format_celsius(range.step_c) + ", got " + ir::format_celsius(value)};
  }
  return range.min_c + std::round(steps) * range.step_c;  // exactly on the step
}

// A raw value that names a mode, fan mode or swing mode; nullopt when it names none.
std::optional<ClimateCommand> raw_word(std::string_view word) {
  if (word == "off" || ir::parse_mode(word).ok()) return mode_command(word).value();
  if (const auto fan = ir::parse_fan_speed(word)) {
    ClimateCommand command;
    command.fan = *fan;
    return command;
  }
  if (const auto swing = ir::parse_swing(word)) {
    ClimateCommand command;
    command.swing = *swing;
    return command;
  }
  return std::nullopt;
}

Checked<ClimateCommand> temperature_command(double value, const ir::TemperatureRange& range) {
  const auto temperature = checked_temperature(value, range);
  if (!temperature) return CheckError{temperature.error()};
  ClimateCommand command;
  command.temperature_c = *temperature;
  return command;
}

std::string must_be_string(const char* field, const char* choices, const Json& value) {
  return std::string("Invalid ") + field + ": must be a string (" + choices + "), got " +
         json_type(value);
}

// One field of the JSON form into `command`; the error text when it is bad.
std::string read_field(const std::string& key, const Json& value, const ir::TemperatureRange& range,
                       ClimateCommand& command) {
  if (key == "mode") {
    if (!value.is_string()) return must_be_string("mode", kModeList, value);
    const auto parsed = mode_command(value.get_ref<const std::string&>());
    if (!parsed) return parsed.error();
    command.power = parsed->power;
    command.mode = parsed->mode;
    return {};
  }
  if (key == "temperature") {
    if (!value.is_number()) return "Invalid temperature: must be a number, got " + json_type(value);
    const auto temperature = checked_temperature(value.get<double>(), range);
    if (!temperature) return temperature.error();
    command.temperature_c = *temperature;
    return {};
  }
  if (key == "fan_mode") {
    if (!value.is_string()) return must_be_string("fan_mode", kFanList, value);
    const auto& name = value.get_ref<const std::string&>();
    const auto fan = ir::parse_fan_speed(name);
    if (!fan) return "Invalid fan_mode: " + in_quotes(name) + " is not one of " + kFanList;
    command.fan = *fan;
    return {};
  }
  if (key == "swing_mode") {
    if (!value.is_string()) return must_be_string("swing_mode", kSwingList, value);
    const auto& name = value.get_ref<const std::string&>();
    const auto swing = ir::parse_swing(name);
    if (!swing) return "Invalid swing_mode: " + in_quotes(name) + " is not one of " + kSwingList;
    command.swing = *swing;
    return {};
  }
  return "Invalid command: unknown key " + in_quotes(key) + "; expected any of " + kKeyList;
}

void append(std::string& out, const std::string& part) {
  if (!out.empty()) out += ", ";
  out += part;
}

}  // namespace

std::string excerpt(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size() && i < kExcerptChars; ++i) {
    const char c = text[i];
    out += c >= 0x20 && c < 0x7f ? c : '?';
  }
  if (text.size() > kExcerptChars) out += "...";
  return out;
}

Checked<ClimateCommand> parse_climate_command(std::string_view payload,
                                              const ir::TemperatureRange& range) {
  if (payload.size() > kMaxCommandBytes) {
    return CheckError{"Invalid command: payload is " + std::to_string(payload.size()) +
                      " bytes, at most " + std::to_string(kMaxCommandBytes) + " are read"};
  }
  const std::string_view text = core::trim(payload);
  if (text.empty()) return CheckError{"Invalid command: empty payload"};
  if (auto raw = raw_word(text)) return *raw;

  const Json doc = Json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    if (text.front() == '{' || text.front() == '[' || text.front() == '"') {
      return CheckError{"Invalid command: not valid JSON"};
    }
    return CheckError{"Invalid command: " + in_quotes(text) +
                      " is not JSON, a mode, a fan mode, a swing mode or a temperature"};
  }
  if (doc.is_number()) return temperature_command(doc.get<double>(), range);
  if (doc.is_string()) {  // a raw value in quotes: "\"cool\""
    const auto& word = doc.get_ref<const std::string&>();
    if (auto raw = raw_word(word)) return *raw;
    return CheckError{"Invalid command: " + in_quotes(word) +
                      " is not a mode, a fan mode, a swing mode or a temperature"};
  }
  if (!doc.is_object()) {
    return CheckError{"Invalid command: expected a JSON object, got " + json_type(doc)};
  }
  if (doc.empty()) {
    return CheckError{std::string("Invalid command: empty JSON object; expected any of ") +
                      kKeyList};
  }
  ClimateCommand command;
  for (const auto& [key, value] : doc.items()) {
    if (const std::string problem = read_field(key, value, range, command); !problem.empty()) {
      return CheckError{problem};
    }
  }
  return command;
}

ir::ClimateState apply(const ClimateCommand& command, ir::ClimateState state) {
  if (command.power) state.power = *command.power;
  if (command.mode) state.mode = *command.mode;
  if (command.temperature_c) state.target_c = *command.temperature_c;
  if (command.fan) state.fan = *command.fan;
  if (command.swing) state.swing = *command.swing;
  return state;
}

std::string to_string(const ClimateCommand& command) {
  std::string out;
  if (command.power && !*command.power) append(out, "mode off");
  if (command.mode) append(out, "mode " + std::string(ir::to_string(*command.mode)));
  if (command.temperature_c)
    append(out, "temperature " + ir::format_celsius(*command.temperature_c));
  if (command.fan) append(out, "fan_mode " + std::string(ir::to_string(*command.fan)));
  if (command.swing) append(out, "swing_mode " + std::string(ir::to_string(*command.swing)));
  return out;
}

}  // namespace hil::hvac
