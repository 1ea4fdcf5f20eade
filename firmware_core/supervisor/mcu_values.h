// The supervisor MCU's vocabulary (shared/specs/supervisor-mcu-protocol.md): switches, radio
// status, boot watchdog states and one telemetry sample, with the JSON each becomes on the UART.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace hil::supervisor {

// Keys in the order the spec lists them (nlohmann::json would sort them).
using McuJson = nlohmann::ordered_json;

// The six toggle inputs of the spec's `switch` event.
struct SwitchStates {
  bool lte = false;
  bool wifi = false;
  bool bt = false;
  bool bridge_enable = false;
  bool lid_open = false;
  bool charger_online = false;

  bool operator==(const SwitchStates& other) const;
  bool operator!=(const SwitchStates& other) const { return !(*this == other); }
};

// One row per switch: its JSON name and where it lives, so every list of switches is this table.
struct SwitchField {
  std::string_view name;
  bool SwitchStates::*member;
};
inline constexpr SwitchField kSwitchFields[] = {
    {"lte", &SwitchStates::lte},
    {"wifi", &SwitchStates::wifi},
    {"bt", &SwitchStates::bt},
    {"bridge_enable", &SwitchStates::bridge_enable},
    {"lid_open", &SwitchStates::lid_open},
    {"charger_online", &SwitchStates::charger_online},
};

// The member named `name`, or nullptr for a name that is not a switch.
bool SwitchStates::*find_switch(std::string_view name);
McuJson to_json(const SwitchStates& switches);

// What the LoRa (Heltec) module looks like from the MCU.
enum class RadioStatus { kOk, kFault, kDisconnected };
const char* to_string(RadioStatus status);
// "ok", "fault" or "disconnected" in any case (the spec writes both "ok" and "OK").
std::optional<RadioStatus> parse_radio_status(std::string_view text);

// The boot watchdog as its `watchdog` events name it.
enum class WatchdogState {
  kArmed,  // waiting for the Pi's first request
  kOk,     // the Pi talked in time
  kReset,  // it did not: the Pi was reset (the watchdog re-arms at once)
  kOff,    // no watchdog: disabled, or the Pi's power is cut
};
const char* to_string(WatchdogState state);

// One telemetry sample, as the `telemetry` event and the `status` reply carry it.
struct Telemetry {
  std::optional<int> battery_pct;  // 0..100; null when the gauge cannot tell
  int pack_mv = 0;
  int pack_ma = 0;  // negative: charging (current into the pack); positive: discharging
  double mcu_temp_c = 0.0;
  std::uint32_t unread_ext = 0;
  std::int64_t last_msg_age_s = 0;  // since the last mesh message, clear_unread or boot
  std::int64_t uptime_s = 0;
};

// The telemetry fields in the spec's order; the temperature to one decimal.
McuJson to_json(const Telemetry& telemetry);

}  // namespace hil::supervisor
