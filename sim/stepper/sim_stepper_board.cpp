// A simulated stepper node board.
#include "sim/stepper/sim_stepper_board.h"

namespace hil::sim {

SimStepperBoard::SimStepperBoard(core::Scheduler& scheduler, core::RandomSource& random,
                                 core::ConfigStore& store, core::LineSink& console,
                                 core::MqttLink& mqtt, SimStepperBoardOptions options)
    : scheduler_(scheduler),
      random_(random),
      flash_(store),
      console_(console),
      mqtt_(mqtt),
      options_(std::move(options)) {
  build();
}

void SimStepperBoard::build() {
  node_.reset();  // the firmware goes first: it holds callbacks into the peripherals
  std::array<core::StepperDriver*, stepper::kMotorCount> drivers{};
  for (std::size_t i = 0; i < motors_.size(); ++i) {
    motors_[i] = std::make_unique<SimStepper>(scheduler_);
    drivers[i] = motors_[i].get();
  }
  wifi_ = std::make_unique<SimWifi>(scheduler_, options_.wifi);
  node_ = std::make_unique<stepper::StepperNode>(
      stepper::NodePorts{scheduler_, random_, flash_, *wifi_, console_, mqtt_, drivers},
      options_.node);
}

void SimStepperBoard::boot() {
  if (first_boot_ && !flash_.get("wifi_ssid") && !options_.provisioned_ssid.empty()) {
    flash_.provision(
        {{"wifi_ssid", options_.provisioned_ssid}, {"wifi_pass", options_.provisioned_pass}});
  }
  first_boot_ = false;
  node_->boot();
}

void SimStepperBoard::power_cycle() {
  build();
  boot();
}

}  // namespace hil::sim
