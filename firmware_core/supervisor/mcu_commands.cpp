// The supervisor MCU's command table and handlers: one row per command of the spec.
#include "firmware_core/supervisor/mcu_messages.h"
#include "firmware_core/supervisor/mcu_supervisor.h"

namespace hil::supervisor {

const SupervisorMcu::CommandRow SupervisorMcu::kCommands[] = {
    {"get_status", &SupervisorMcu::run_get_status},
    {"get_switches", &SupervisorMcu::run_get_switches},
    {"clear_unread", &SupervisorMcu::run_clear_unread},
    {"arm_poweroff", &SupervisorMcu::run_arm_poweroff},
    {"ping", &SupervisorMcu::run_ping},
};

const SupervisorMcu::CommandRow* SupervisorMcu::find_command(std::string_view name) {
  for (const CommandRow& row : kCommands) {
    if (row.name == name) return &row;
  }
  return nullptr;
}

std::vector<std::string_view> SupervisorMcu::command_names() {
  std::vector<std::string_view> names;
  for (const CommandRow& row : kCommands) names.push_back(row.name);
  return names;
}

void SupervisorMcu::answer(const McuRequest& request) {
  McuJson reply = McuJson::object();
  if (request.has_id) reply["id"] = request.id;
  reply["ok"] = true;
  const CommandRow* row = request.cmd_is_string ? find_command(request.cmd) : nullptr;
  if (row == nullptr) {
    ++counters_.unknown_cmd;
    reply["ok"] = false;
    reply["error"] = "unknown_cmd";
  } else {
    (this->*row->run)(reply);
  }
  ports_.uart.write_line(to_line(reply));
}

void SupervisorMcu::run_get_status(McuJson& reply) {
  reply["status"] = status_object(sample(), ports_.switches.read_switches(),
                                  ports_.radio.read_radio_status(), options_.firmware);
}

void SupervisorMcu::run_get_switches(McuJson& reply) {
  reply["switch"] = to_json(ports_.switches.read_switches());
}

void SupervisorMcu::run_clear_unread(McuJson& /*reply*/) {
  unread_ = 0;
  last_msg_at_ = ports_.scheduler.now();
  unread_cleared_ = true;
}

void SupervisorMcu::run_arm_poweroff(McuJson& reply) {
  const BatteryReading battery = ports_.battery.read_battery();
  if (battery.pct && *battery.pct < options_.poweroff_min_battery_pct) {
    reply["ok"] = false;
    reply["error"] = "battery_low";
    return;
  }
  if (pi_power_ == PiPower::kOn) {
    ports_.power.prepare_poweroff();
    pi_power_ = PiPower::kPoweroffArmed;
  }
  reply["poweroff_ok"] = true;
}

void SupervisorMcu::run_ping(McuJson& reply) { reply["uptime_s"] = seconds_since(boot_at_); }

}  // namespace hil::supervisor
