// A simulated stepper node as a scenario device, on the run's shared virtual clock.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>

#include "bench/scenario/device.h"
#include "bench/scenario/family.h"
#include "firmware_core/stepper/status_sample.h"
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
  DeviceTopics topics() const override { return {"devices/" + rig_->node_id() + "/", "~/cmd", "~/cmd/resp"}; }
  bool deliver(const std::string& link, const std::string& topic, const std::string& payload) override;
  bool set_link_up(const std::string& link, bool up, std::string& error) override;
  bool power_cycle(std::string& error) override;
  bool set(const std::string& what, const nlohmann::json& value, std::string& error) override;
  // The `set:` controls above, as the family's row lists them.
  static std::vector<SettingSpec> settings();
  // Per motor (arrays indexed by id): position (the driver's count), shaft_position (where the shaft
  // really is), moving, awake, budget_s, driver_temp_c, driver_overheated.
  nlohmann::json snapshot() override;
  bool changed_since_snapshot() override;
  nlohmann::json describe() const override;

 private:
  void emit(const std::string& link, const std::string& topic, std::string payload);

  // What a snapshot shows, as values: compared before any JSON is built.
  struct State {
    core::StatusSample status;
    std::array<std::int32_t, core::kMotorCount> shafts{};
    std::array<std::int64_t, core::kMotorCount> driver_tenths_c{};
    std::array<bool, core::kMotorCount> overheated{};
    bool operator==(const State& other) const {
      return status == other.status && shafts == other.shafts && driver_tenths_c == other.driver_tenths_c &&
             overheated == other.overheated;
    }
  };
  State state() const;

  std::string name_;
  sim::VirtualScheduler& clock_;
  std::unique_ptr<sim::VirtualStepperRig> rig_;
  bool serial_up_ = true;
  std::optional<State> last_snapshot_;
};

}  // namespace hil::scenario
