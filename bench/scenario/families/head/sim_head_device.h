// The robot head's controller (firmware_core/head) as a scenario device on the session's broker,
// with simulated script processes and a simulated Bluetooth adapter on the session's clock.
// Scripts and devices come from its sim_file and from `set:` steps:
//   set: {device: head, script: {path: eyes.py, runs_ms: 3000}}
//   set: {device: head, bluetooth_device: {address: "00:11:22:33:44:55", connect_ms: 300}}
//   set: {device: head, bluetooth_drop: "00:11:22:33:44:55"}   # the far end goes away
#pragma once

#include <memory>
#include <string>

#include "bench/scenario/family.h"
#include "bench/scenario/sim_bus_device.h"
#include "firmware_core/head/head_controller.h"
#include "sim/head/sim_bluetooth_adapter.h"
#include "sim/head/sim_process_runner.h"

namespace hil::scenario {

class SimHeadDevice : public SimBusDevice {
 public:
  // Options: head_name (default: the device's name), stop_grace_ms, connect_timeout_ms,
  // sim_file. nullptr and why.
  static std::unique_ptr<SimHeadDevice> create(const DeviceSpec& spec, sim::SimMqttBus& bus,
                                               core::Scheduler& clock, DeviceOutput output,
                                               std::string& error);
  ~SimHeadDevice() override;

  std::string kind() const override { return "head"; }
  // heads/<head_name>/: a send goes to ~/control/script/start, an expect reads ~/status/#.
  DeviceTopics topics() const override;
  // The head's computer restarts: its scripts are gone, the broker sends the service's will.
  bool power_cycle(std::string& error) override;
  bool set(const std::string& what, const nlohmann::json& value, std::string& error) override;
  nlohmann::json snapshot() override;
  // The processes link: {running_scripts, processes_alive, bluetooth_connected}.
  nlohmann::json state(const std::string& link) override { return snapshot(); }
  nlohmann::json describe() const override { return described_; }

 private:
  struct Clock : core::WallClock {
    explicit Clock(const core::Scheduler& scheduler) : scheduler(scheduler) {}
    // The scenario's start is 2024-01-01 00:00 UTC, so that traces do not depend on the day.
    double unix_seconds() const override;
    const core::Scheduler& scheduler;
  };
  struct Log : core::LineSink {
    void write_line(std::string_view) override {}  // the controller's log is for people running it
  };

  SimHeadDevice(const std::string& name, const nlohmann::json& options, sim::SimMqttBus& bus,
                core::Scheduler& clock, DeviceOutput output);
  void start();
  void on_message(std::string_view topic, std::string_view payload, bool retained) override;
  void on_connected() override;

  head::HeadOptions options_;
  nlohmann::json described_;
  core::Scheduler& clock_;
  Clock wall_;
  Log log_;
  sim::SimProcessRunner runner_;
  sim::SimBluetoothAdapter adapter_;
  std::unique_ptr<head::HeadController> head_;
};

}  // namespace hil::scenario
