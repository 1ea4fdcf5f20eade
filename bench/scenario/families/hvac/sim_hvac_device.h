// The HVAC bridge (firmware_core/hvac) as a scenario device on the session's broker: one climate
// entity bound to one blaster, as `hilbench hvac` runs it from flags.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "bench/scenario/sim_bus_device.h"
#include "firmware_core/hvac/hvac_bridge.h"

namespace hil::scenario {

class SimHvacDevice : public SimBusDevice {
 public:
  // Options: device_id (default: the device's name), entity_name (default: the device_id), blaster
  // (default "ir_blaster"), model ("daikin" or "daikin312"), sensor_topic, discovery_prefix.
  // nullptr and why when the bridge refuses them.
  static std::unique_ptr<SimHvacDevice> create(const std::string& name,
                                               const nlohmann::json& options, sim::SimMqttBus& bus,
                                               core::Scheduler& clock, DeviceOutput output,
                                               std::string& error);
  // Why the bridge would refuse these options ("" when it would not).
  static std::string check(const std::string& name, const nlohmann::json& options);
  ~SimHvacDevice() override;

  std::string kind() const override { return "hvac"; }
  // <prefix>/climate/<device_id>/: a send goes to ~/set, an expect reads ~/state.
  DeviceTopics topics() const override;
  // A restart: the bridge forgets its state and starts again from the configured one.
  bool power_cycle(std::string& error) override;
  bool set(const std::string& what, const nlohmann::json& value, std::string& error) override;
  // The entity's state payload as JSON (what HA would show), and the frames waiting.
  nlohmann::json snapshot() override;
  bool changed_since_snapshot() override;
  nlohmann::json describe() const override;

 private:
  struct Log : core::LineSink {
    void write_line(std::string_view) override {}  // the bridge's log is for people running it
  };

  SimHvacDevice(std::string name, hvac::BridgeConfig config, sim::SimMqttBus& bus,
                core::Scheduler& clock, DeviceOutput output);
  static std::optional<hvac::BridgeConfig> config_for(const std::string& name,
                                                      const nlohmann::json& options,
                                                      std::string& error);
  void start();
  void on_message(std::string_view topic, std::string_view payload, bool retained) override;
  void on_connected() override;
  void on_disconnected() override;
  std::string state_key() const;  // what a snapshot shows, as text

  hvac::BridgeConfig config_;
  core::Scheduler& clock_;
  Log log_;
  std::unique_ptr<hvac::HvacBridge> bridge_;
  std::string last_snapshot_;
};

}  // namespace hil::scenario
