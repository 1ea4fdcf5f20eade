// The state topic's payload and the derived hvac action.
#include "firmware_core/hvac/state_payload.h"

#include <nlohmann/json.hpp>

#include "firmware_core/hvac/json_number.h"

namespace hil::hvac {

std::string_view hvac_action(const ir::ClimateState& state, std::optional<double> current_c) {
  if (!state.power) return "off";
  const bool warmer = current_c && *current_c > state.target_c;
  const bool colder = current_c && *current_c < state.target_c;
  switch (state.mode) {
    case ir::Mode::kDry:
      return "drying";
    case ir::Mode::kFanOnly:
      return "fan";
    case ir::Mode::kCool:
      return !current_c || warmer ? "cooling" : "idle";
    case ir::Mode::kHeat:
      return !current_c || colder ? "heating" : "idle";
    case ir::Mode::kAuto:
      return warmer ? "cooling" : colder ? "heating" : "idle";
  }
  return "idle";
}

std::string state_payload(const ClimateReport& report) {
  nlohmann::ordered_json doc;
  doc["mode"] = std::string(ir::hvac_mode(report.state));
  doc["temperature"] = json_number(report.state.target_c);
  if (report.current_c) doc["current_temperature"] = json_number(*report.current_c);
  doc["fan_mode"] = std::string(ir::to_string(report.state.fan));
  doc["swing_mode"] = std::string(ir::to_string(report.state.swing));
  doc["action"] = std::string(hvac_action(report.state, report.current_c));
  if (!report.error.empty()) doc["error"] = report.error;
  return doc.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace hil::hvac
