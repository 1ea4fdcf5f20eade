// One command from Home Assistant on an entity's set topic, parsed and checked.
// Two forms are accepted:
//  - the spec's JSON object with any non-empty subset of mode, temperature, fan_mode, swing_mode
//    ({"mode": "cool", "temperature": 21.0}); the discovery's command templates make HA send this;
//  - one raw value, as HA publishes on a command topic that has no template: a mode ("cool"), a
//    number (a temperature: "21.0"), a fan mode ("quiet", "1".."5") or a swing mode ("vertical").
//    "off" and "auto" belong to two vocabularies; raw they are hvac modes (power off, mode auto):
//    swing "off" and fan "auto" need the JSON form. "1".."5" are fan speeds (no model's set point
//    goes below 10 C); any other number is a temperature.
// A command is checked whole before anything is applied: one bad field refuses all of it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "firmware_core/ir/climate_result.h"
#include "firmware_core/ir/climate_state.h"

namespace hil::hvac {

using ir::Checked;
using ir::CheckError;

struct ClimateCommand {
  std::optional<bool> power;  // mode "off": false; any other mode: true
  std::optional<ir::Mode> mode;
  std::optional<double> temperature_c;
  std::optional<ir::FanSpeed> fan;
  std::optional<ir::Swing> swing;
};

// Longer payloads are refused unread.
inline constexpr std::size_t kMaxCommandBytes = 1024;

// The command, or the text of the state's "error" field, one per kind of bad input:
//   Invalid command: empty payload
//   Invalid command: payload is 2000 bytes, at most 1024 are read
//   Invalid command: not valid JSON
//   Invalid command: "warm" is not JSON, a mode, a fan mode, a swing mode or a temperature
//   Invalid command: expected a JSON object, got an array
//   Invalid command: empty JSON object; expected any of mode, temperature, fan_mode, swing_mode
//   Invalid command: unknown key "speed"; expected any of mode, temperature, fan_mode, swing_mode
//   Invalid mode: must be a string (off, cool, heat, dry, fan_only, auto), got 3
//   Invalid mode: "warm" is not one of off, cool, heat, dry, fan_only, auto
//   Invalid temperature: must be a number, got "21"
//   Invalid temperature: must be between 16 and 32
//   Invalid temperature: must be in steps of 1, got 21.5
//   Invalid fan_mode: ... and Invalid swing_mode: ... as for mode.
Checked<ClimateCommand> parse_climate_command(std::string_view payload,
                                              const ir::TemperatureRange& range);

// The state with the command's fields set; "off" keeps the mode for the next power on.
ir::ClimateState apply(const ClimateCommand& command, ir::ClimateState state);

// The fields given, for logs: "mode cool, temperature 21".
std::string to_string(const ClimateCommand& command);

// At most 40 printable ASCII characters of untrusted text, others as '?', "..." when cut: safe to
// put in logs and JSON.
std::string excerpt(std::string_view text);

}  // namespace hil::hvac
