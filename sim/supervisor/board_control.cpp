// Control lines for a simulated supervisor board.
#include "sim/supervisor/board_control.h"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>
#include <vector>

namespace hil::sim {
namespace {

using nlohmann::json;

constexpr std::int64_t kMaxUnplugMs = std::int64_t{3600} * 1000;
constexpr double kMinTempC = -40.0;
constexpr double kMaxTempC = 125.0;  // what an MCU's die sensor covers

// A control line checked whole: what to change.
struct BoardControl {
  std::vector<std::pair<std::string, bool>> switches;
  std::optional<double> pct;
  std::optional<bool> charger;
  std::optional<double> load_ma;
  std::optional<std::string> message_from;
  std::optional<supervisor::RadioStatus> radio;
  std::optional<double> mcu_temp_c;
  std::optional<bool> heartbeat;
  bool power_button = false;
  std::optional<bool> plug;  // false: unplug (for unplug_ms when set)
  std::optional<std::int64_t> unplug_ms;
};

std::string switch_names() {
  std::string names;
  for (const supervisor::SwitchField& field : supervisor::kSwitchFields) {
    names += (names.empty() ? "" : ", ") + std::string(field.name);
  }
  return names;
}

std::string need_bool(const char* key, const json& value, std::optional<bool>& out) {
  if (!value.is_boolean()) return std::string("\"") + key + "\" must be true or false";
  out = value.get<bool>();
  return "";
}

std::string need_number(const char* key, const json& value, double min, double max,
                        std::optional<double>& out) {
  const double number = value.is_number() ? value.get<double>() : std::nan("");
  if (!(number >= min && number <= max)) {
    char range[64];
    std::snprintf(range, sizeof range, " must be a number from %g to %g", min, max);
    return std::string("\"") + key + "\"" + range;
  }
  out = number;
  return "";
}

std::string parse_switch(const json& value, BoardControl& out) {
  if (!value.is_object() || value.empty()) {
    return "\"switch\" must be an object of switch names to true/false, e.g. "
           "{\"switch\":{\"lte\":false}}";
  }
  for (const auto& [name, on] : value.items()) {
    if (supervisor::find_switch(name) == nullptr)
      return "unknown switch \"" + name + "\" (" + switch_names() + ")";
    if (!on.is_boolean()) return "switch \"" + name + "\" must be true or false";
    out.switches.emplace_back(name, on.get<bool>());
  }
  return "";
}

std::string parse_battery(const json& value, BoardControl& out) {
  if (!value.is_object() || value.empty()) {
    return "\"battery\" must be an object with any of pct, charger, load_ma, e.g. "
           "{\"battery\":{\"pct\":15}}";
  }
  for (const auto& [key, field] : value.items()) {
    std::string error;
    if (key == "pct") {
      error = need_number("battery.pct", field, 0, 100, out.pct);
    } else if (key == "charger") {
      error = need_bool("battery.charger", field, out.charger);
    } else if (key == "load_ma") {
      error = need_number("battery.load_ma", field, 0, 100000, out.load_ma);
    } else {
      error = "unknown battery key \"" + key + "\" (pct, charger, load_ma)";
    }
    if (!error.empty()) return error;
  }
  return "";
}

std::string parse_charger(const json& value, BoardControl& out) {
  return need_bool("charger", value, out.charger);
}

std::string parse_message(const json& value, BoardControl& out) {
  if (!value.is_object())
    return R"("message" must be an object, e.g. {"message":{"from":"node-7"}})";
  const auto from = value.find("from");
  if (from != value.end() && !from->is_string()) return "\"message.from\" must be a string";
  out.message_from = from == value.end() ? "" : from->get<std::string>();
  return "";
}

std::string parse_radio(const json& value, BoardControl& out) {
  if (value.is_string()) out.radio = supervisor::parse_radio_status(value.get<std::string>());
  if (!value.is_string() || !out.radio) return R"("radio" must be "ok", "fault" or "disconnected")";
  return "";
}

std::string parse_unplug_ms(const json& value, BoardControl& out) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < 1 ||
      value.get<std::int64_t>() > kMaxUnplugMs) {
    return "\"unplug_ms\" must be a whole number of milliseconds from 1 to " +
           std::to_string(kMaxUnplugMs);
  }
  out.unplug_ms = value.get<std::int64_t>();
  out.plug = false;
  return "";
}

std::string parse_unplug(const json& value, BoardControl& out) {
  std::optional<bool> unplug;
  std::string error = need_bool("unplug", value, unplug);
  if (error.empty()) out.plug = !*unplug;
  return error;
}

std::string parse_plug(const json& value, BoardControl& out) {
  return need_bool("plug", value, out.plug);
}

std::string parse_temp(const json& value, BoardControl& out) {
  return need_number("mcu_temp_c", value, kMinTempC, kMaxTempC, out.mcu_temp_c);
}

std::string parse_heartbeat(const json& value, BoardControl& out) {
  return need_bool("heartbeat", value, out.heartbeat);
}

std::string parse_power_button(const json& value, BoardControl& out) {
  if (value != true) return "\"power_button\" must be true";
  out.power_button = true;
  return "";
}

struct ControlKey {
  const char* name;
  std::string (*parse)(const json& value, BoardControl& out);
};

constexpr ControlKey kKeys[] = {
    {"switch", parse_switch},
    {"battery", parse_battery},
    {"charger", parse_charger},
    {"message", parse_message},
    {"radio", parse_radio},
    {"unplug_ms", parse_unplug_ms},
    {"unplug", parse_unplug},
    {"plug", parse_plug},
    {"mcu_temp_c", parse_temp},
    {"heartbeat", parse_heartbeat},
    {"power_button", parse_power_button},
};

std::string key_names() {
  std::string names;
  for (const ControlKey& key : kKeys) names += (names.empty() ? "" : ", ") + std::string(key.name);
  return names;
}

std::string parse(std::string_view line, BoardControl& out) {
  const json doc = json::parse(line, nullptr, false);
  if (doc.is_discarded()) return "not JSON";
  if (!doc.is_object()) return "a control line must be a JSON object such as {\"charger\":false}";
  if (doc.empty()) return "the control line names nothing to change (" + key_names() + ")";
  int cable_keys = 0;
  for (const auto& [key, value] : doc.items()) {
    const ControlKey* found = nullptr;
    for (const ControlKey& known : kKeys) {
      if (key == known.name) found = &known;
    }
    if (found == nullptr) return "unknown control key \"" + key + "\" (" + key_names() + ")";
    if (key == "plug" || key == "unplug" || key == "unplug_ms") ++cable_keys;
    std::string error = found->parse(value, out);
    if (!error.empty()) return error;
  }
  if (cable_keys > 1) return "give one of plug, unplug and unplug_ms in a line";
  return "";
}

void apply(SimSupervisorBoard& board, const BoardControl& control) {
  for (const auto& [name, on] : control.switches) board.set_switch(name, on);
  if (control.load_ma) board.set_load_ma(*control.load_ma);
  if (control.pct) board.set_battery_pct(*control.pct);
  if (control.charger) board.set_charger_online(*control.charger);
  if (control.mcu_temp_c) board.set_mcu_temp_c(*control.mcu_temp_c);
  if (control.radio) board.set_radio_status(*control.radio);
  if (control.message_from) board.deliver_message(*control.message_from);
  if (control.heartbeat) board.set_pi_heartbeat(*control.heartbeat);
  if (control.power_button) board.press_power_button();
  if (control.unplug_ms) {
    board.unplug_for(std::chrono::milliseconds(*control.unplug_ms));
  } else if (control.plug) {
    *control.plug ? board.plug() : board.unplug();
  }
}

}  // namespace

std::string apply_board_control(SimSupervisorBoard& board, std::string_view line) {
  BoardControl control;
  std::string error = parse(line, control);
  if (error.empty()) apply(board, control);
  return error;
}

}  // namespace hil::sim
