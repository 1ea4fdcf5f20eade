// The supervisor MCU's telemetry: a sample clock, the periodic event and change-triggered ones.
#include "firmware_core/supervisor/mcu_messages.h"
#include "firmware_core/supervisor/mcu_supervisor.h"

namespace hil::supervisor {

Telemetry SupervisorMcu::sample() {
  const BatteryReading battery = ports_.battery.read_battery();
  Telemetry telemetry;
  telemetry.battery_pct = battery.pct;
  telemetry.pack_mv = battery.pack_mv;
  telemetry.pack_ma = battery.pack_ma;
  telemetry.mcu_temp_c = ports_.temperature.read_mcu_temp_c();
  telemetry.unread_ext = unread_;
  telemetry.last_msg_age_s = seconds_since(last_msg_at_);
  telemetry.uptime_s = seconds_since(boot_at_);
  return telemetry;
}

// Runs every sample_interval on a fixed grid from boot, so periodic events fall on exact multiples
// of telemetry_period whatever else happened.
void SupervisorMcu::tick() {
  tick_due_ += options_.sample_interval;
  tick_timer_ = ports_.scheduler.call_at(tick_due_, [this] { tick(); });
  const core::Micros now = ports_.scheduler.now();
  if (now < next_periodic_) {
    report_if_news();
    return;
  }
  while (next_periodic_ <= now) next_periodic_ += options_.telemetry_period;
  send_telemetry(sample());
}

void SupervisorMcu::report_if_news() {
  if (!booted_) return;
  const Telemetry now = sample();
  if (!is_news(sent_telemetry_, now, options_.change_thresholds)) return;
  // Too soon after the last one: the tick that comes after the gap sees the change still there.
  if (sent_telemetry_at_ && ports_.scheduler.now() - *sent_telemetry_at_ < options_.min_change_gap)
    return;
  send_telemetry(now);
}

void SupervisorMcu::send_telemetry(const Telemetry& telemetry) {
  sent_telemetry_ = telemetry;
  sent_telemetry_at_ = ports_.scheduler.now();
  send_event(telemetry_event(telemetry));
}

}  // namespace hil::supervisor
