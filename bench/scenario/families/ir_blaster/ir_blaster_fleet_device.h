// The Zigbee IR blaster as one device of a fleet: the simulated ZS06 (its Tuya decoder and Daikin
// frames are the firmware core's) with its room and sensor, on the fleet's clock and its own MQTT
// session.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "bench/scenario/family.h"
#include "sim/ir/sim_ir_blaster.h"

namespace hil::scenario {

class IrBlasterFleetDevice : public FleetDevice {
 public:
  // Its id is its Zigbee2MQTT friendly name (topics zigbee2mqtt/<id>/...); the sensor is <id>_room.
  explicit IrBlasterFleetDevice(const FleetDeviceContext& context);

  void on_connected() override { blaster_->on_mqtt_connected(); }
  void on_message(std::string_view topic, std::string_view payload) override {
    blaster_->on_mqtt_message(topic, payload);
  }
  // Unplugged and plugged in again: a send in flight is lost, the room goes on.
  void power_cycle() override;
  void shut_down() override { blaster_->shutdown(); }

 private:
  std::unique_ptr<sim::SimIrBlaster> blaster_;
};

// The IR blaster row's fleet rules: ids are the prefix and a six-digit index (fleet-000042), the
// MQTT client id that of `hilbench sim ir_blaster`, and the fleet's host probes each blaster's
// control topic.
FleetRules ir_blaster_fleet_rules();

}  // namespace hil::scenario
