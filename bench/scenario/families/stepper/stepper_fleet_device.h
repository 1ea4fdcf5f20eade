// The stepper node as one device of a fleet: the real firmware (a simulated board: motors, Wi-Fi,
// flash in memory) on the fleet's clock and its own MQTT session.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "bench/scenario/family.h"
#include "sim/common/memory_config_store.h"
#include "sim/common/seeded_random.h"
#include "sim/stepper/sim_stepper_board.h"

namespace hil::scenario {

class StepperFleetDevice : public FleetDevice {
 public:
  explicit StepperFleetDevice(const FleetDeviceContext& context);

  void on_connected() override { board_->node().on_mqtt_connected(); }
  void on_message(std::string_view topic, std::string_view payload) override {
    board_->node().on_mqtt_message(topic, payload);
  }
  void power_cycle() override { board_->power_cycle(); }
  void shut_down() override { board_->node().shut_down(); }

 private:
  struct Silent : core::LineSink {
    void write_line(std::string_view) override {}  // a fleet's consoles are not read
  };

  sim::SeededRandom random_;
  sim::MemoryConfigStore store_;
  Silent console_;
  std::unique_ptr<sim::SimStepperBoard> board_;
};

// The stepper row's fleet rules: ids are the prefix and a six-digit index (fleet-000042).
FleetRules stepper_fleet_rules();

}  // namespace hil::scenario
