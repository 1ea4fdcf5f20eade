// A simulated stepper node as a scenario device.
#include "bench/scenario/sim_stepper_device.h"

namespace hil::scenario {

SimStepperDevice::SimStepperDevice(std::string name, const nlohmann::json& options, std::uint64_t seed,
                                   sim::VirtualScheduler& clock, std::function<void(const LinkMessage&)> output)
    : name_(std::move(name)), clock_(clock) {
  on_output = std::move(output);
  sim::VirtualStepperRigOptions rig;
  rig.node_id = options.value("node_id", rig.node_id);
  rig.seed = options.value("seed", seed);
  rig.board.wifi.station_ip = options.value("station_ip", rig.board.wifi.station_ip);
  rig_ = std::make_unique<sim::VirtualStepperRig>(rig, &clock_);
  // What it printed and published while booting, then everything as it happens.
  for (auto& line : rig_->advance_ms(0)) emit("serial", "", std::move(line));
  for (auto& message : rig_->take_published()) emit("mqtt", message.topic, std::move(message.payload));
  rig_->listen(sim::RigListener{
      [this](std::string_view line) { emit("serial", "", std::string(line)); },
      [this](const sim::PublishedMessage& message) { emit("mqtt", message.topic, message.payload); },
  });
}

void SimStepperDevice::emit(const std::string& link, const std::string& topic, std::string payload) {
  if (link == "serial" && !serial_up_) return;  // nobody is listening on an unplugged cable
  if (on_output) on_output(LinkMessage{clock_.now().count(), name_, link, topic, std::move(payload), false, false});
}

bool SimStepperDevice::deliver(const std::string& link, const std::string& topic, const std::string& payload) {
  if (link == "serial") {
    if (!serial_up_) return false;
    rig_->board().node().on_serial_bytes(payload + "\n");  // through the console buffer, as typed
    return true;
  }
  if (!rig_->mqtt_link().connected()) return false;
  rig_->board().node().on_mqtt_message(topic, payload);
  return true;
}

void SimStepperDevice::set_link_up(const std::string& link, bool up) {
  if (link == "serial") {
    serial_up_ = up;
  } else {
    rig_->set_mqtt_connected(up);
  }
}

void SimStepperDevice::power_cycle() { rig_->power_cycle(); }

bool SimStepperDevice::set(const std::string& what, const nlohmann::json&, std::string& error) {
  error = "a simulated stepper has no settable state '" + what + "' yet";
  return false;
}

nlohmann::json SimStepperDevice::describe() const {
  return {{"name", name_}, {"kind", "stepper"}, {"node_id", rig_->node_id()}};
}

}  // namespace hil::scenario
