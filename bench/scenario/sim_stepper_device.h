// A simulated stepper node as a scenario device, on the run's shared virtual clock.
#pragma once

#include <memory>
#include <string>

#include "bench/scenario/device.h"
#include "sim/rigs/virtual_stepper_rig.h"

namespace hil::scenario {

class SimStepperDevice : public Device {
 public:
  // Options: node_id (string), seed (integer), station_ip (string). `output` receives every message
  // the device produces, from its boot banner on.
  SimStepperDevice(std::string name, const nlohmann::json& options, std::uint64_t seed, sim::VirtualScheduler& clock,
                   std::function<void(const LinkMessage&)> output);

  const std::string& name() const override { return name_; }
  std::string kind() const override { return "stepper"; }
  std::string topic_root() const override { return "devices/" + rig_->node_id() + "/"; }
  bool deliver(const std::string& link, const std::string& topic, const std::string& payload) override;
  bool set_link_up(const std::string& link, bool up, std::string& error) override;
  bool power_cycle(std::string& error) override;
  bool set(const std::string& what, const nlohmann::json& value, std::string& error) override;
  // The node's status payload plus "shafts": where each motor's shaft really is (id -> steps).
  nlohmann::json snapshot() override;
  nlohmann::json describe() const override;

 private:
  void emit(const std::string& link, const std::string& topic, std::string payload);

  std::string name_;
  sim::VirtualScheduler& clock_;
  std::unique_ptr<sim::VirtualStepperRig> rig_;
  bool serial_up_ = true;
};

}  // namespace hil::scenario
