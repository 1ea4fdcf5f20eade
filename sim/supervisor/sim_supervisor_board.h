// A simulated supervisor board: the MCU firmware (SupervisorMcu) on the peripherals it expects, a
// 3S Li-ion pack with its charger, the MCU's temperature sensor, six switches, a LoRa radio, the
// Pi's power path and reset line, and the UART to the Pi (pluggable, optionally paced).
//
// Two faces, as a Zephyr emulator has: the ports the firmware sees, implemented privately, and a
// control face for tests, scenarios and `hilbench sim mcu` (set_switch, set_battery_pct,
// unplug...). Defaults are the reference board of behaviour-notes.md: 78 %, 11750 mV, -420 mA, 36.5
// C; lte=1 wifi=0 bt=1 bridge_enable=1 lid_open=0 charger_online=1; heltec "ok"; mcu "proto-0.1".
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "firmware_core/ports/line_sink.h"
#include "firmware_core/ports/scheduler.h"
#include "firmware_core/supervisor/mcu_ports.h"
#include "firmware_core/supervisor/mcu_supervisor.h"
#include "sim/supervisor/li_ion_pack.h"
#include "sim/supervisor/uart_wire.h"

namespace hil::sim {

struct SimSupervisorOptions {
  supervisor::McuOptions mcu;
  LiIonPackOptions pack;
  // charger_online is not read from here: it follows the pack's charger.
  supervisor::SwitchStates switches{true, false, true, true, false, true};
  double mcu_temp_c = 36.5;
  supervisor::RadioStatus radio = supervisor::RadioStatus::kOk;
  // 0: bytes cross the UART at once; e.g. 115200: at that line rate, 10 bits a byte.
  unsigned line_rate_baud = 0;
};

class SimSupervisorBoard : private supervisor::BatteryGauge,
                           private supervisor::TemperatureSensor,
                           private supervisor::SwitchInputs,
                           private supervisor::RadioMonitor,
                           private supervisor::PowerControl,
                           private supervisor::PiResetLine,
                           private core::LineSink {
 public:
  // The scheduler must outlive the board; `log` (optional) gets one line per thing that happens.
  SimSupervisorBoard(core::Scheduler& scheduler, SimSupervisorOptions options = {},
                     core::LineSink* log = nullptr);
  ~SimSupervisorBoard() override;
  SimSupervisorBoard(const SimSupervisorBoard&) = delete;
  SimSupervisorBoard& operator=(const SimSupervisorBoard&) = delete;

  // Powers the MCU (which powers the Pi).
  void boot();

  // The Pi's end of the UART: what it receives, and what it sends.
  void set_on_pi_bytes(std::function<void(std::string_view)> on_bytes) {
    on_pi_bytes_ = std::move(on_bytes);
  }
  void pi_write(std::string_view bytes);

  // ---- the control face ----
  // Flips a switch by its JSON name; false for a name that is not a switch. charger_online plugs
  // or unplugs the charger.
  bool set_switch(std::string_view name, bool on);
  void set_battery_pct(double pct);
  void set_charger_online(bool online);
  void set_load_ma(double load_ma);
  void set_mcu_temp_c(double celsius);
  // A mesh packet reaches the radio.
  void deliver_message(std::string_view from);
  void set_radio_status(supervisor::RadioStatus status);
  // The UART cable: while unplugged nothing crosses either way and the MCU sees a break.
  void unplug();
  void plug();
  void unplug_for(core::Micros duration);
  // The Pi's heartbeat GPIO (driven while it runs); releasing it after arm_poweroff cuts power.
  void set_pi_heartbeat(bool driven);
  void press_power_button();

  // ---- what can be observed ----
  supervisor::SupervisorMcu& mcu() { return mcu_; }
  // The pack brought up to now.
  const LiIonPack& pack();
  supervisor::SwitchStates switches() const;
  bool plugged() const { return plugged_; }
  bool pi_powered() const { return pi_powered_; }
  bool poweroff_prepared() const { return poweroff_prepared_; }
  std::uint64_t pi_resets() const { return pi_resets_; }
  std::uint64_t messages_delivered() const { return messages_; }
  // The two directions of the UART (line rate, bytes dropped while unplugged).
  const UartWire& to_pi() const { return to_pi_; }
  const UartWire& to_mcu() const { return to_mcu_; }

 private:
  // The ports the firmware sees.
  supervisor::BatteryReading read_battery() override;
  double read_mcu_temp_c() override { return mcu_temp_c_; }
  supervisor::SwitchStates read_switches() override { return switches(); }
  supervisor::RadioStatus read_radio_status() override { return radio_; }
  void prepare_poweroff() override;
  void cut_pi_power() override;
  void restore_pi_power() override;
  void pulse_reset() override;
  void write_line(std::string_view line) override;  // the MCU's UART transmitter

  void sync_pack();
  void log(const std::string& line);

  core::Scheduler& scheduler_;
  core::LineSink* log_;
  LiIonPack pack_;
  core::Micros pack_time_{0};
  supervisor::SwitchStates switches_;
  double mcu_temp_c_;
  supervisor::RadioStatus radio_;
  bool plugged_ = true;
  bool pi_powered_ = true;
  bool poweroff_prepared_ = false;
  std::uint64_t pi_resets_ = 0;
  std::uint64_t messages_ = 0;
  core::TimerId replug_timer_ = 0;
  std::function<void(std::string_view)> on_pi_bytes_;
  UartWire to_pi_;
  UartWire to_mcu_;
  supervisor::SupervisorMcu mcu_;  // last: built on the members above, destroyed first
};

}  // namespace hil::sim
