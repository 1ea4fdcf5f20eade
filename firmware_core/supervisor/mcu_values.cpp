// The supervisor MCU's vocabulary and its JSON.
#include "firmware_core/supervisor/mcu_values.h"

#include <cmath>

#include "firmware_core/common/text.h"

namespace hil::supervisor {

bool SwitchStates::operator==(const SwitchStates& other) const {
  for (const SwitchField& field : kSwitchFields) {
    if (this->*field.member != other.*field.member) return false;
  }
  return true;
}

bool SwitchStates::*find_switch(std::string_view name) {
  for (const SwitchField& field : kSwitchFields) {
    if (field.name == name) return field.member;
  }
  return nullptr;
}

McuJson to_json(const SwitchStates& switches) {
  McuJson out = McuJson::object();
  for (const SwitchField& field : kSwitchFields)
    out[std::string(field.name)] = switches.*field.member;
  return out;
}

const char* to_string(RadioStatus status) {
  static constexpr const char* kNames[] = {"ok", "fault", "disconnected"};  // in enum order
  return kNames[static_cast<int>(status)];
}

std::optional<RadioStatus> parse_radio_status(std::string_view text) {
  for (const RadioStatus status :
       {RadioStatus::kOk, RadioStatus::kFault, RadioStatus::kDisconnected}) {
    if (core::iequals(text, to_string(status))) return status;
  }
  return std::nullopt;
}

const char* to_string(WatchdogState state) {
  static constexpr const char* kNames[] = {"armed", "ok", "reset", "off"};  // in enum order
  return kNames[static_cast<int>(state)];
}

McuJson to_json(const Telemetry& telemetry) {
  McuJson out = McuJson::object();
  out["battery_pct"] = telemetry.battery_pct ? McuJson(*telemetry.battery_pct) : McuJson(nullptr);
  out["pack_mv"] = telemetry.pack_mv;
  out["pack_ma"] = telemetry.pack_ma;
  out["mcu_temp_c"] = std::round(telemetry.mcu_temp_c * 10.0) / 10.0;
  out["unread_ext"] = telemetry.unread_ext;
  out["last_msg_age_s"] = telemetry.last_msg_age_s;
  out["uptime_s"] = telemetry.uptime_s;
  return out;
}

}  // namespace hil::supervisor
