// The supervisor MCU's firmware: boot, UART input, interrupts, the watchdog and the power path.
#include "firmware_core/supervisor/mcu_supervisor.h"

#include <limits>
#include <utility>

#include "firmware_core/supervisor/mcu_messages.h"

namespace hil::supervisor {

const char* to_string(PiPower power) {
  static constexpr const char* kNames[] = {"on", "poweroff_armed", "off"};  // in enum order
  return kNames[static_cast<int>(power)];
}

SupervisorMcu::SupervisorMcu(McuPorts ports, McuOptions options)
    : ports_(ports),
      options_(std::move(options)),
      watchdog_(ports_.scheduler, options_.watchdog_timeout, [this] { on_watchdog_expired(); }) {
  // A clock that never advances would spin: fall back to the defaults.
  const McuOptions defaults;
  if (options_.sample_interval <= core::Micros(0))
    options_.sample_interval = defaults.sample_interval;
  if (options_.telemetry_period <= core::Micros(0))
    options_.telemetry_period = defaults.telemetry_period;
}

SupervisorMcu::~SupervisorMcu() {
  if (tick_timer_ != 0) ports_.scheduler.cancel(tick_timer_);
}

void SupervisorMcu::boot() {
  if (booted_) return;
  booted_ = true;
  const core::Micros now = ports_.scheduler.now();
  boot_at_ = now;
  last_msg_at_ = now;
  sent_switches_ = ports_.switches.read_switches();
  sent_radio_ = ports_.radio.read_radio_status();
  send_event(switch_event(sent_switches_));
  arm_watchdog();
  sent_telemetry_ = sample();
  next_periodic_ = now + options_.telemetry_period;
  tick_due_ = now + options_.sample_interval;
  tick_timer_ = ports_.scheduler.call_at(tick_due_, [this] { tick(); });
}

// ---- UART ----

void SupervisorMcu::on_uart_bytes(std::string_view bytes) {
  const std::uint64_t dropped_before = framer_.dropped_lines();
  framer_.feed(bytes, [this](std::string_view line) { on_uart_line(line); });
  counters_.overlong += framer_.dropped_lines() - dropped_before;
}

void SupervisorMcu::on_uart_break() { framer_.reset(); }

void SupervisorMcu::on_uart_line(std::string_view line) {
  ++counters_.lines;
  const McuRequest request = parse_request(line);
  switch (request.kind) {
    case PiLineKind::kRequest:
      break;
    case PiLineKind::kEmpty:
      ++counters_.empty;
      return;
    case PiLineKind::kNotJson:
    case PiLineKind::kNotObject:
      ++counters_.not_json;
      return;
    case PiLineKind::kNoCmd:
      ++counters_.no_cmd;
      return;
  }
  ++counters_.requests;
  answer(request);
  if (watchdog_.satisfy()) send_event(watchdog_event(WatchdogState::kOk, seconds_since(boot_at_)));
  if (std::exchange(unread_cleared_, false)) report_if_news();
  if (pi_power_ == PiPower::kPoweroffArmed && !heartbeat_driven_) cut_pi_power();
}

// ---- interrupts ----

void SupervisorMcu::on_switches_changed() {
  if (!booted_) return;
  const SwitchStates now = ports_.switches.read_switches();
  if (now != sent_switches_) {
    sent_switches_ = now;
    send_event(switch_event(now));
  }
  report_if_news();  // the charger input moves the pack current
}

void SupervisorMcu::on_radio_status_changed() {
  if (!booted_) return;
  const RadioStatus now = ports_.radio.read_radio_status();
  if (now == sent_radio_) return;
  sent_radio_ = now;
  send_event(heltec_event(now));
}

void SupervisorMcu::on_mesh_message() {
  if (!booted_) return;
  if (unread_ < std::numeric_limits<std::uint32_t>::max()) ++unread_;
  last_msg_at_ = ports_.scheduler.now();
  report_if_news();
}

void SupervisorMcu::on_pi_heartbeat(bool driven) {
  heartbeat_driven_ = driven;
  if (booted_ && !driven && pi_power_ == PiPower::kPoweroffArmed) cut_pi_power();
}

void SupervisorMcu::on_power_button() {
  if (!booted_ || pi_power_ != PiPower::kOff) return;
  ports_.power.restore_pi_power();
  pi_power_ = PiPower::kOn;
  heartbeat_driven_ = true;
  arm_watchdog();
}

// ---- watchdog and power ----

void SupervisorMcu::arm_watchdog() {
  const WatchdogState state = watchdog_.arm() ? WatchdogState::kArmed : WatchdogState::kOff;
  send_event(watchdog_event(state, seconds_since(boot_at_)));
}

void SupervisorMcu::on_watchdog_expired() {
  ++counters_.pi_resets;
  ports_.pi_reset.pulse_reset();
  send_event(watchdog_event(WatchdogState::kReset, seconds_since(boot_at_)));
  arm_watchdog();
}

void SupervisorMcu::cut_pi_power() {
  ports_.power.cut_pi_power();
  pi_power_ = PiPower::kOff;
  watchdog_.disarm();
  send_event(watchdog_event(WatchdogState::kOff, seconds_since(boot_at_)));
}

// ---- helpers ----

void SupervisorMcu::send_event(const std::string& line) {
  ++counters_.events;
  ports_.uart.write_line(line);
}

std::int64_t SupervisorMcu::seconds_since(core::Micros then) const {
  return std::chrono::duration_cast<std::chrono::seconds>(ports_.scheduler.now() - then).count();
}

}  // namespace hil::supervisor
