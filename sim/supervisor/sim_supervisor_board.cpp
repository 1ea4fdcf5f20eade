// A simulated supervisor board: the MCU firmware on simulated peripherals.
#include "sim/supervisor/sim_supervisor_board.h"

#include <cmath>
#include <cstdio>
#include <utility>

namespace hil::sim {
namespace {

std::string format_number(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", value);
  return buf;
}

}  // namespace

SimSupervisorBoard::SimSupervisorBoard(core::Scheduler& scheduler, SimSupervisorOptions options,
                                       core::LineSink* log)
    : scheduler_(scheduler),
      log_(log),
      pack_(options.pack),
      switches_(options.switches),
      mcu_temp_c_(options.mcu_temp_c),
      radio_(options.radio),
      to_pi_(scheduler,
             [this](std::string_view bytes) {
               if (on_pi_bytes_) on_pi_bytes_(bytes);
             }),
      to_mcu_(scheduler, [this](std::string_view bytes) { mcu_.on_uart_bytes(bytes); }),
      mcu_(supervisor::McuPorts{scheduler, *this, *this, *this, *this, *this, *this, *this},
           std::move(options.mcu)) {
  to_pi_.set_baud(options.line_rate_baud);
  to_mcu_.set_baud(options.line_rate_baud);
}

SimSupervisorBoard::~SimSupervisorBoard() {
  if (replug_timer_ != 0) scheduler_.cancel(replug_timer_);
}

void SimSupervisorBoard::boot() {
  pack_time_ = scheduler_.now();
  log("boot: battery " + std::to_string(pack_.pct()) + " %, charger " +
      (pack_.charger_online() ? "online" : "offline") + ", UART " +
      (to_pi_.baud() == 0 ? "instant" : std::to_string(to_pi_.baud()) + " baud 8N1"));
  mcu_.boot();
}

void SimSupervisorBoard::pi_write(std::string_view bytes) {
  if (!to_mcu_.send(bytes))
    log("unplugged: " + std::to_string(bytes.size()) + " bytes from the Pi lost");
}

// ---- control face ----

bool SimSupervisorBoard::set_switch(std::string_view name, bool on) {
  if (name == "charger_online") {
    set_charger_online(on);
    return true;
  }
  bool supervisor::SwitchStates::*member = supervisor::find_switch(name);
  if (member == nullptr) return false;
  if (switches_.*member == on) return true;
  switches_.*member = on;
  log("switch " + std::string(name) + (on ? " on" : " off"));
  mcu_.on_switches_changed();
  return true;
}

void SimSupervisorBoard::set_battery_pct(double pct) {
  sync_pack();
  pack_.set_soc_pct(pct);
  log("battery set to " + format_number(pack_.soc_pct()) + " %");
}

void SimSupervisorBoard::set_charger_online(bool online) {
  sync_pack();
  if (pack_.charger_online() == online) return;
  pack_.set_charger_online(online);
  log(online ? "charger plugged in" : "charger unplugged");
  mcu_.on_switches_changed();
}

void SimSupervisorBoard::set_load_ma(double load_ma) {
  sync_pack();
  pack_.set_load_ma(load_ma);
  log("load set to " + format_number(pack_.load_ma()) + " mA");
}

void SimSupervisorBoard::set_mcu_temp_c(double celsius) {
  mcu_temp_c_ = celsius;
  log("MCU temperature set to " + format_number(celsius) + " C");
}

void SimSupervisorBoard::deliver_message(std::string_view from) {
  ++messages_;
  log("mesh message" + (from.empty() ? std::string() : " from " + std::string(from)));
  mcu_.on_mesh_message();
}

void SimSupervisorBoard::set_radio_status(supervisor::RadioStatus status) {
  if (radio_ == status) return;
  radio_ = status;
  log(std::string("radio ") + supervisor::to_string(status));
  mcu_.on_radio_status_changed();
}

void SimSupervisorBoard::unplug() {
  if (replug_timer_ != 0) scheduler_.cancel(replug_timer_);
  replug_timer_ = 0;
  if (!plugged_) return;
  plugged_ = false;
  to_pi_.cut();
  to_mcu_.cut();
  log("UART unplugged");
  mcu_.on_uart_break();
}

void SimSupervisorBoard::plug() {
  if (replug_timer_ != 0) scheduler_.cancel(replug_timer_);
  replug_timer_ = 0;
  if (plugged_) return;
  plugged_ = true;
  to_pi_.join();
  to_mcu_.join();
  log("UART plugged in");
}

void SimSupervisorBoard::unplug_for(core::Micros duration) {
  unplug();
  replug_timer_ = scheduler_.call_at(scheduler_.now() + duration, [this] {
    replug_timer_ = 0;
    plug();
  });
}

void SimSupervisorBoard::set_pi_heartbeat(bool driven) {
  log(driven ? "Pi heartbeat driven" : "Pi heartbeat released");
  mcu_.on_pi_heartbeat(driven);
}

void SimSupervisorBoard::press_power_button() {
  log("power button pressed");
  mcu_.on_power_button();
}

const LiIonPack& SimSupervisorBoard::pack() {
  sync_pack();
  return pack_;
}

supervisor::SwitchStates SimSupervisorBoard::switches() const {
  supervisor::SwitchStates states = switches_;
  states.charger_online = pack_.charger_online();
  return states;
}

// ---- the ports ----

supervisor::BatteryReading SimSupervisorBoard::read_battery() {
  sync_pack();
  return {pack_.pct(), static_cast<int>(std::lround(pack_.pack_mv())),
          static_cast<int>(std::lround(pack_.pack_ma()))};
}

void SimSupervisorBoard::prepare_poweroff() {
  sync_pack();
  poweroff_prepared_ = true;
  pack_.set_charging_enabled(false);
  log("power-off prepared: charging stopped, waiting for the Pi's heartbeat to stop");
}

void SimSupervisorBoard::cut_pi_power() {
  pi_powered_ = false;
  log("Pi power cut");
}

void SimSupervisorBoard::restore_pi_power() {
  sync_pack();
  pi_powered_ = true;
  poweroff_prepared_ = false;
  pack_.set_charging_enabled(true);
  log("Pi powered again");
}

void SimSupervisorBoard::pulse_reset() {
  ++pi_resets_;
  log("boot watchdog: Pi reset (" + std::to_string(pi_resets_) + ")");
}

void SimSupervisorBoard::write_line(std::string_view line) {
  std::string bytes(line);
  bytes += '\n';
  to_pi_.send(bytes);
}

void SimSupervisorBoard::sync_pack() {
  const core::Micros now = scheduler_.now();
  if (now > pack_time_) pack_.advance(now - pack_time_);
  pack_time_ = now;
}

void SimSupervisorBoard::log(const std::string& line) {
  if (log_ != nullptr) log_->write_line("[mcu] " + line);
}

}  // namespace hil::sim
