// What the bridge reports to Home Assistant on an entity's state topic, and the action rule.
// Shape (spec, "Home Assistant State Messages", keys in this order):
//   {"mode": "cool", "temperature": 21, "current_temperature": 24.5, "fan_mode": "auto",
//    "swing_mode": "off", "action": "cooling", "error": "..."}
// current_temperature only with a sensor reading; error only after a refused command, until the
// next accepted one. action is always present (the spec's startup example predates it: "off").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "firmware_core/ir/climate_state.h"

namespace hil::hvac {

struct ClimateReport {
  ir::ClimateState state;           // the desired state: what the bridge last sent or will send
  std::optional<double> current_c;  // the room sensor's last reading
  std::string error;                // empty: none
};

// HA's hvac action, derived (the unit reports nothing back):
//   off -> "off"; dry -> "drying"; fan_only -> "fan";
//   cool -> "cooling" when the room is warmer than the target, else "idle";
//   heat -> "heating" when the room is colder than the target, else "idle";
//   auto -> "cooling" when warmer, "heating" when colder, "idle" when equal;
//   without a reading: cool "cooling", heat "heating", auto "idle" (neither can be claimed).
std::string_view hvac_action(const ir::ClimateState& state, std::optional<double> current_c);

// The payload above, compact JSON.
std::string state_payload(const ClimateReport& report);

}  // namespace hil::hvac
