// The stepper node as one device of a fleet.
#include "bench/scenario/families/stepper/stepper_fleet_device.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace hil::scenario {

StepperFleetDevice::StepperFleetDevice(const FleetDeviceContext& context) : random_(context.seed) {
  sim::SimStepperBoardOptions options;
  options.node.node_id = context.id;
  board_ = std::make_unique<sim::SimStepperBoard>(context.scheduler, random_, store_, console_,
                                                  context.mqtt, options);
  board_->boot();
}

FleetRules stepper_fleet_rules() {
  FleetRules rules;
  rules.make_id = [](const std::string& prefix, std::size_t index, std::string& error) {
    if (prefix.find_first_of("/+# ") != std::string::npos) {
      error = "an id prefix is part of a topic level: no '/', '+', '#' or space";
      return std::string();
    }
    char digits[24];
    std::snprintf(digits, sizeof digits, "%06zu", index);
    return prefix + digits;
  };
  rules.client_id = [](const std::string& id) { return "hilbench-sim-" + id; };
  rules.make = [](const FleetDeviceContext& context) -> std::unique_ptr<FleetDevice> {
    return std::make_unique<StepperFleetDevice>(context);
  };
  rules.command = [](const std::string& id, const std::string& tag) {
    return std::make_pair("devices/" + id + "/cmd",
                          nlohmann::json{{"cmd_id", tag}, {"action", "GET"}}.dump());
  };
  rules.answer_filter = "devices/+/cmd/resp";
  rules.answer_tag = [](std::string_view /*topic*/, std::string_view payload) {
    const nlohmann::json answer = nlohmann::json::parse(payload, nullptr, false);
    if (!answer.is_object() || !answer.contains("cmd_id") || !answer["cmd_id"].is_string())
      return std::string();
    return answer["cmd_id"].get<std::string>();
  };
  return rules;
}

}  // namespace hil::scenario
