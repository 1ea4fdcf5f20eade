// The simulated Zigbee IR blaster, its room and sensor (sim::SimIrBlaster) as a scenario device on
// the session's broker. Besides its MQTT topics it has an `ir` link: one message per send it
// completed, the report it publishes on hilbench/ir/<name>/emitted (the decoded Daikin frame), so
// scenarios can expect what came out of the LED.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "bench/scenario/sim_bus_device.h"
#include "sim/ir/sim_ir_blaster.h"

namespace hil::scenario {

class SimIrBlasterDevice : public SimBusDevice {
 public:
  // Options: zigbee_name (the Zigbee2MQTT friendly name; default: the device's name), sensor_name,
  // room_temperature and outside_temperature (C), online (bool). nullptr and why when refused.
  static std::unique_ptr<SimIrBlasterDevice> create(const std::string& name,
                                                    const nlohmann::json& options,
                                                    sim::SimMqttBus& bus, core::Scheduler& clock,
                                                    DeviceOutput output, std::string& error);
  ~SimIrBlasterDevice() override;

  std::string kind() const override { return "ir_blaster"; }
  // zigbee2mqtt/<zigbee_name>/: a send goes to ~/set; an expect reads the emitted reports.
  DeviceTopics topics() const override {
    return {"zigbee2mqtt/" + blaster_->name() + "/", "~/set", blaster_->topics().emitted};
  }
  // Pulling the plug and putting it back: a send in flight is lost, the room goes on.
  bool power_cycle(std::string& error) override;
  // online: true|false; room_temperature / outside_temperature: {celsius: C}.
  bool set(const std::string& what, const nlohmann::json& value, std::string& error) override;
  // room_temperature_c, outside_temperature_c, online, busy, and the unit's settings (null before
  // the first frame).
  nlohmann::json snapshot() override;
  bool changed_since_snapshot() override;
  nlohmann::json describe() const override;

 private:
  struct State {
    double room_c = 0;
    bool online = false;
    bool busy = false;
    std::uint64_t emitted = 0;
    bool operator==(const State& o) const {
      return room_c == o.room_c && online == o.online && busy == o.busy && emitted == o.emitted;
    }
  };

  SimIrBlasterDevice(std::string name, sim::SimIrBlasterOptions options, sim::SimMqttBus& bus,
                     core::Scheduler& clock, DeviceOutput output);
  void on_message(std::string_view topic, std::string_view payload, bool retained) override;
  void on_connected() override;
  void on_sent(std::string_view topic, std::string_view payload) override;
  State state();

  std::unique_ptr<sim::SimIrBlaster> blaster_;
  nlohmann::json described_;  // what it was made with, for trace headers
  std::optional<State> last_snapshot_;
};

}  // namespace hil::scenario
