// Merging MCU fields into the Pi's view of the supervisor, and that view as JSON.
#include "firmware_core/supervisor/host_state.h"

#include <cmath>

namespace hil::supervisor {
namespace {

using Json = nlohmann::json;

struct IntegerField {
  const char* name;
  std::optional<std::int64_t> SupvState::*member;
};

// The integer telemetry fields of the spec's "Expected telemetry fields".
constexpr IntegerField kIntegerFields[] = {
    {"battery_pct", &SupvState::battery_pct},
    {"pack_mv", &SupvState::pack_mv},
    {"pack_ma", &SupvState::pack_ma},
    {"unread_ext", &SupvState::unread_ext},
    {"last_msg_age_s", &SupvState::last_msg_age_s},
    {"uptime_s", &SupvState::uptime_s},
};

struct TextField {
  const char* name;
  std::optional<std::string> SupvState::*member;
};

constexpr TextField kTextFields[] = {{"heltec", &SupvState::heltec}, {"mcu", &SupvState::mcu}};

void note_skipped(std::string& skipped, const char* name) {
  if (!skipped.empty()) skipped += ',';
  skipped += name;
}

// A JSON number as a whole number (C firmware may print 78.0); nullopt for anything else.
std::optional<std::int64_t> whole_number(const Json& value) {
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) {
    const double number = value.get<double>();
    if (std::isfinite(number) && std::fabs(number) < 9e15) return std::llround(number);
  }
  return std::nullopt;
}

template <typename T>
bool assign(std::optional<T>& field, std::optional<T> value) {
  if (field == value) return false;
  field = std::move(value);
  return true;
}

// Reads one integer field: null makes it unknown again, a number sets it, anything else is skipped.
bool merge_integer(const IntegerField& field, const Json& value, SupvState& state,
                   std::string& skipped) {
  if (value.is_null()) return assign(state.*field.member, std::optional<std::int64_t>());
  const auto number = whole_number(value);
  const bool in_range =
      number && (field.member != &SupvState::battery_pct || (*number >= 0 && *number <= 100));
  if (!in_range) {
    note_skipped(skipped, field.name);
    return false;
  }
  return assign(state.*field.member, number);
}

bool merge_temperature(const Json& value, SupvState& state, std::string& skipped) {
  if (value.is_null()) return assign(state.mcu_temp_c, std::optional<double>());
  if (!value.is_number() || !std::isfinite(value.get<double>())) {
    note_skipped(skipped, "mcu_temp_c");
    return false;
  }
  return assign(state.mcu_temp_c, std::optional<double>(value.get<double>()));
}

// Booleans, or 0 and 1 as C firmware often prints them.
std::optional<bool> switch_position(const Json& value) {
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_number_integer()) {
    const auto number = value.get<std::int64_t>();
    if (number == 0 || number == 1) return number == 1;
  }
  return std::nullopt;
}

bool merge_switches(const Json& value, SupvState& state, std::string& skipped) {
  if (!value.is_object()) {
    note_skipped(skipped, "switch");
    return false;
  }
  bool changed = false;
  for (const auto& [name, position] : value.items()) {
    const auto on = switch_position(position);
    if (!on) {
      note_skipped(skipped, "switch");
      continue;
    }
    auto [it, inserted] = state.switches.emplace(name, *on);
    if (inserted || it->second != *on) changed = true;
    it->second = *on;
  }
  return changed;
}

template <typename T>
nlohmann::ordered_json or_null(const std::optional<T>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

}  // namespace

const char* to_string(LinkState state) {
  switch (state) {
    case LinkState::kClosed:
      return "closed";
    case LinkState::kSyncing:
      return "syncing";
    case LinkState::kUp:
      return "up";
    case LinkState::kQuiet:
      return "quiet";
  }
  return "?";
}

bool set_text(std::optional<std::string>& field, const std::string& value) {
  if (field == value) return false;
  field = value;
  return true;
}

bool has_state_fields(const Json& object) {
  if (!object.is_object()) return false;
  for (const IntegerField& field : kIntegerFields) {
    if (object.contains(field.name)) return true;
  }
  for (const TextField& field : kTextFields) {
    if (object.contains(field.name)) return true;
  }
  const auto status = object.find("status");
  return object.contains("mcu_temp_c") || object.contains("switch") ||
         (status != object.end() && status->is_object());
}

bool merge_fields(SupvState& state, const Json& object, std::string& skipped) {
  if (!object.is_object()) return false;
  bool changed = false;
  const auto end = object.end();
  for (const IntegerField& field : kIntegerFields) {
    const auto it = object.find(field.name);
    if (it != end) changed |= merge_integer(field, *it, state, skipped);
  }
  if (const auto it = object.find("mcu_temp_c"); it != end) {
    changed |= merge_temperature(*it, state, skipped);
  }
  if (const auto it = object.find("switch"); it != end)
    changed |= merge_switches(*it, state, skipped);
  for (const TextField& field : kTextFields) {
    const auto it = object.find(field.name);
    if (it == end) continue;
    if (it->is_string()) {
      changed |= set_text(state.*field.member, it->get<std::string>());
    } else {
      note_skipped(skipped, field.name);
    }
  }
  if (const auto it = object.find("status"); it != end && it->is_object()) {
    changed |= merge_fields(state, *it, skipped);
  }
  return changed;
}

nlohmann::ordered_json to_json(const SupvState& state) {
  nlohmann::ordered_json switches = nlohmann::ordered_json::object();
  for (const auto& [name, on] : state.switches) switches[name] = on;
  nlohmann::ordered_json out;
  out["link"] = to_string(state.link);
  out["synced"] = state.synced;
  out["battery_pct"] = or_null(state.battery_pct);
  out["pack_mv"] = or_null(state.pack_mv);
  out["pack_ma"] = or_null(state.pack_ma);
  out["mcu_temp_c"] = or_null(state.mcu_temp_c);
  out["unread_ext"] = or_null(state.unread_ext);
  out["last_msg_age_s"] = or_null(state.last_msg_age_s);
  out["uptime_s"] = or_null(state.uptime_s);
  out["switch"] = std::move(switches);
  out["heltec"] = or_null(state.heltec);
  out["mcu"] = or_null(state.mcu);
  out["watchdog"] = or_null(state.watchdog);
  return out;
}

}  // namespace hil::supervisor
