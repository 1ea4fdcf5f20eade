// The Zigbee IR blaster as one device of a fleet.
#include "bench/scenario/families/ir_blaster/ir_blaster_fleet_device.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace hil::scenario {
namespace {

constexpr const char* kProbeKey = "probe";

// The string under `key` in a JSON object given as text; "" when there is none.
std::string string_in(std::string_view text, const char* key) {
  const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (!doc.is_object()) return "";
  const auto it = doc.find(key);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

IrBlasterFleetDevice::IrBlasterFleetDevice(const FleetDeviceContext& context) {
  sim::SimIrBlasterOptions options;
  options.name = context.id;
  blaster_ = std::make_unique<sim::SimIrBlaster>(context.scheduler, context.mqtt, options);
  blaster_->start();  // the will and subscriptions go with the session the fleet opens
}

void IrBlasterFleetDevice::power_cycle() {
  const bool was_online = blaster_->online();
  blaster_->set_online(false);
  blaster_->set_online(was_online);
}

FleetRules ir_blaster_fleet_rules() {
  FleetRules rules;
  rules.make_id = [](const std::string& prefix, std::size_t index, std::string& error) {
    // '.' too: a NATS broker's MQTT side maps topic levels onto its subjects.
    if (prefix.find_first_of(std::string_view("/+#. \0", 6)) != std::string::npos) {
      error = "an id prefix is part of a topic level: no '/', '+', '#', '.', space or NUL";
      return std::string();
    }
    char digits[24];
    std::snprintf(digits, sizeof digits, "%06zu", index);
    return prefix + digits;
  };
  rules.client_id = [](const std::string& id) { return "hilbench-sim-ir-" + id; };
  rules.make = [](const FleetDeviceContext& context) -> std::unique_ptr<FleetDevice> {
    return std::make_unique<IrBlasterFleetDevice>(context);
  };
  // A ZS06 answers no send (Z2M only logs failures), so the probe is a control message naming a
  // key the blaster does not know: refused whole, changing nothing, its refusal on control/error
  // quotes the payload and with it the tag.
  rules.command = [](const std::string& id, const std::string& tag) {
    return std::make_pair(sim::SimIrBlaster::topics_for(id, "").control,
                          nlohmann::json{{kProbeKey, tag}}.dump());
  };
  rules.answer_filter = sim::SimIrBlaster::topics_for("+", "").control_error;
  rules.answer_tag = [](std::string_view /*topic*/, std::string_view payload) {
    return string_in(string_in(payload, "payload"), kProbeKey);
  };
  return rules;
}

}  // namespace hil::scenario
