// A simulated device that talks MQTT through the session's in-process broker (sim::SimMqttBus):
// what it publishes is its output, what the broker delivers to it is its input, and a scenario's
// send is a publish by a client of the scenario's own.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "bench/scenario/device.h"
#include "sim/network/sim_mqtt_bus.h"

namespace hil::scenario {

class SimBusDevice : public Device {
 public:
  const std::string& name() const override { return name_; }
  // A publish onto the broker; false (lost) while this device's own session is cut.
  bool deliver(const std::string& link, const std::string& topic,
               const std::string& payload) override;
  // Cuts ("mqtt" down: the broker publishes the will) or restores the device's broker session.
  bool set_link_up(const std::string& link, bool up, std::string& error) override;

 protected:
  SimBusDevice(std::string name, sim::SimMqttBus& bus, const core::Scheduler& clock,
               DeviceOutput output);
  ~SimBusDevice() override;

  // What the broker delivers, after it has been recorded.
  virtual void on_message(std::string_view topic, std::string_view payload, bool retained) = 0;
  virtual void on_connected() = 0;
  virtual void on_disconnected() {}
  // A publish of the device as it reaches the broker, after it has been recorded.
  virtual void on_sent(std::string_view, std::string_view) {}

  void emit(const std::string& link, std::string topic, std::string payload);
  // `from`: the device that published it ("" for a bus publish from outside).
  void emit_inbound(std::string_view topic, std::string_view payload, std::string from);
  sim::SimMqttBus::Client& mqtt() { return *client_; }

 private:
  std::string name_;
  sim::SimMqttBus& bus_;
  const core::Scheduler& clock_;
  std::unique_ptr<sim::SimMqttBus::Client> client_;
  std::unique_ptr<sim::SimMqttBus::Client> scenario_;  // the sender of this device's scenario sends
};

}  // namespace hil::scenario
