// The simulated supervisor board (sim::SimSupervisorBoard: the MCU firmware, its battery, switches,
// radio and UART) as a scenario device. Its `serial` link is the UART as the Pi sees it: a send is
// a line the Pi writes, an output is a line the MCU wrote (JSON lines both ways).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "bench/scenario/device.h"
#include "firmware_core/supervisor/line_framer.h"
#include "sim/supervisor/sim_supervisor_board.h"

namespace hil::scenario {

class SimMcuDevice : public Device {
 public:
  // Options: battery_pct (0..100), charger (bool), line_rate (baud: bytes cross the UART at that
  // rate, 10 bits a byte; 0 or absent: at once), watchdog_s (the boot watchdog; 0: none),
  // poweroff_min_battery_pct. nullptr and why when one is out of range.
  static std::unique_ptr<SimMcuDevice> create(const std::string& name,
                                              const nlohmann::json& options, core::Scheduler& clock,
                                              DeviceOutput output, std::string& error);
  ~SimMcuDevice() override;

  const std::string& name() const override { return name_; }
  std::string kind() const override { return "mcu"; }
  // A line the Pi writes (the newline is added); false while the UART is unplugged.
  bool deliver(const std::string& link, const std::string& topic,
               const std::string& payload) override;
  // link_down on serial unplugs the UART cable.
  bool set_link_up(const std::string& link, bool up, std::string& error) override;
  // Power off and on: the MCU boots again (telemetry, switch event, watchdog), the pack keeps its
  // charge.
  bool power_cycle(std::string& error) override;
  // The board's controls (sim/supervisor/board_control.h): switch, battery, charger, message,
  // radio, mcu_temp_c, heartbeat, power_button, unplug_ms.
  bool set(const std::string& what, const nlohmann::json& value, std::string& error) override;
  // battery_pct, pack_mv, pack_ma, charger_online, pi_powered, plugged, the switches.
  nlohmann::json snapshot() override;
  bool changed_since_snapshot() override;
  nlohmann::json describe() const override;

 private:
  SimMcuDevice(std::string name, sim::SimSupervisorOptions options, nlohmann::json described,
               core::Scheduler& clock, DeviceOutput output);
  void start();
  nlohmann::json state();

  std::string name_;
  sim::SimSupervisorOptions options_;
  nlohmann::json described_;
  core::Scheduler& clock_;
  std::unique_ptr<sim::SimSupervisorBoard> board_;
  supervisor::LineFramer framer_;  // the Pi's UART receiver
  std::optional<nlohmann::json> last_snapshot_;
};

}  // namespace hil::scenario
