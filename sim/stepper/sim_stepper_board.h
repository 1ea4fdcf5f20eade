// A simulated stepper node board: eight simulated motors and Wi-Fi around the firmware core.
#pragma once

#include <array>
#include <memory>

#include "firmware_core/stepper/node.h"
#include "sim/network/sim_wifi.h"
#include "sim/stepper/provisioned_store.h"
#include "sim/stepper/sim_stepper.h"

namespace hil::sim {

struct SimStepperBoardOptions {
  stepper::NodeOptions node;
  SimWifiOptions wifi;
  // Joined at first boot when the store holds no credentials, as a provisioned board would.
  std::string provisioned_ssid = "TestNet";
  std::string provisioned_pass = "password123";
};

class SimStepperBoard {
 public:
  // The board uses, and never owns, the clock, entropy, flash and the two outward links.
  SimStepperBoard(core::Scheduler& scheduler, core::RandomSource& random, core::ConfigStore& store,
                  core::LineSink& console, core::MqttLink& mqtt, SimStepperBoardOptions options);

  void boot();
  // Power off and on: motors stop where they are and forget their position, the flash stays.
  void power_cycle();

  stepper::StepperNode& node() { return *node_; }
  const stepper::StepperNode& node() const { return *node_; }
  SimStepper& motor(int id) { return *motors_[static_cast<std::size_t>(id)]; }
  const SimStepper& motor(int id) const { return *motors_[static_cast<std::size_t>(id)]; }
  SimWifi& wifi() { return *wifi_; }

 private:
  void build();

  core::Scheduler& scheduler_;
  core::RandomSource& random_;
  ProvisionedStore flash_;
  core::LineSink& console_;
  core::MqttLink& mqtt_;
  SimStepperBoardOptions options_;
  std::array<std::unique_ptr<SimStepper>, stepper::kMotorCount> motors_;
  std::unique_ptr<SimWifi> wifi_;
  std::unique_ptr<stepper::StepperNode> node_;
  bool first_boot_ = true;  // provisioning happens once, not after a NET:RESET and a power cycle
};

}  // namespace hil::sim
