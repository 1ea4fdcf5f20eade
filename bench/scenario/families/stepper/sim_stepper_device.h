// A simulated stepper node as a scenario device, on the run's shared virtual clock and its
// in-process broker: the board (motors, Wi-Fi, firmware) with its MQTT link a client of the
// session's broker, so every other device hears the node as on a real broker.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "bench/scenario/family.h"
#include "bench/scenario/sim_bus_device.h"
#include "firmware_core/stepper/status_sample.h"
#include "sim/common/captured_links.h"
#include "sim/common/memory_config_store.h"
#include "sim/common/seeded_random.h"
#include "sim/rigs/virtual_stepper_rig.h"
#include "sim/stepper/sim_stepper_board.h"

namespace hil::scenario {

class SimStepperDevice : public SimBusDevice {
 public:
  // Options: node_id (string), seed (integer), station_ip (string); defaults as a VirtualStepperRig
  // has them. `output` receives every message the device produces, from its boot banner on.
  SimStepperDevice(std::string name, const nlohmann::json& options, std::uint64_t seed,
                   sim::VirtualScheduler& clock, sim::SimMqttBus& bus, DeviceOutput output);
  ~SimStepperDevice() override;

  std::string kind() const override { return "stepper"; }
  DeviceTopics topics() const override {
    return {"devices/" + board_.node().node_id() + "/", "~/cmd", "~/cmd/resp"};
  }
  // A console line (serial) or a publish on the broker (mqtt).
  bool deliver(const std::string& link, const std::string& topic,
               const std::string& payload) override;
  // serial: the console cable; mqtt: the broker session (a cut has the broker publish the will).
  bool set_link_up(const std::string& link, bool up, std::string& error) override;
  bool power_cycle(std::string& error) override;
  bool set(const std::string& what, const nlohmann::json& value, std::string& error) override;
  // The `set:` controls above, as the family's row lists them.
  static std::vector<SettingSpec> settings();
  // Per motor (arrays indexed by id): position (the driver's count), shaft_position (where the
  // shaft really is), moving, awake, budget_s, driver_temp_c, driver_overheated.
  nlohmann::json snapshot() override;
  bool changed_since_snapshot() override;
  nlohmann::json describe() const override;

 private:
  void on_message(std::string_view topic, std::string_view payload, bool retained) override;
  void on_connected() override;

  // What a snapshot shows, as values: compared before any JSON is built.
  struct State {
    stepper::StatusSample status;
    std::array<std::int32_t, stepper::kMotorCount> shafts{};
    std::array<std::int64_t, stepper::kMotorCount> driver_tenths_c{};
    std::array<bool, stepper::kMotorCount> overheated{};
    bool operator==(const State& other) const {
      return status == other.status && shafts == other.shafts &&
             driver_tenths_c == other.driver_tenths_c && overheated == other.overheated;
    }
  };
  State state() const;
  static sim::SimStepperBoardOptions board_options(const nlohmann::json& options);

  sim::VirtualScheduler& clock_;
  sim::SeededRandom random_;
  sim::MemoryConfigStore store_;
  sim::CapturedConsole console_;
  sim::SimStepperBoard board_;
  bool serial_up_ = true;
  std::optional<State> last_snapshot_;
};

}  // namespace hil::scenario
