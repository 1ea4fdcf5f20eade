// The stepper node's telemetry: the status topic (1 Hz idle, 5 Hz moving, on change, no repeats)
// and the retained config topic.
#include "firmware_core/stepper/node.h"

namespace hil::core {
namespace {

constexpr std::int64_t kIdlePeriodMs = 1000;
constexpr std::int64_t kMovingPeriodMs = 200;

}  // namespace

StatusSample StepperNode::sample_status() const {
  StatusSample sample;
  sample.ip = ports_.wifi.status().ip;
  for (int id = 0; id < kMotorCount; ++id) {
    const MotorState& m = motors_[static_cast<std::size_t>(id)];
    MotorSample& out = sample.motors[static_cast<std::size_t>(id)];
    out.position = ports_.drivers[static_cast<std::size_t>(id)]->position();
    out.moving = m.op != nullptr;
    out.awake = awake(id);
    out.homed = m.homed;
    out.steps_since_home = m.steps_since_home;
    out.budget_tenths = m.thermal.tenths();
    out.ttfc_tenths = m.thermal.ttfc_tenths();
    out.speed_sps = m.speed_sps;
    out.accel_sps2 = m.accel_sps2;
    out.est_ms = m.est_ms;
    out.started_ms = m.started_ms;
    out.actual_ms = m.actual_ms;
  }
  return sample;
}

nlohmann::json StepperNode::config_snapshot() const {
  return {{"thermal_limiting", motion_.thermal_limiting},
          {"max_budget_s", ThermalBudget::kMaxBudgetS},
          {"microstep", motion_.microstep},
          {"microstep_mult", microstep_multiplier(motion_.microstep).value_or(1)},
          {"speed", motion_.speed_sps},
          {"accel", motion_.accel_sps2},
          {"decel", motion_.decel_sps2}};
}

void StepperNode::publish_status(bool force) {
  if (!ports_.mqtt.connected()) return;
  StatusSample sample = sample_status();
  if (!force && last_status_ && sample == *last_status_) return;
  ports_.mqtt.publish(topic("status"), sample.to_payload(), 0, false);
  last_status_ = std::move(sample);
}

void StepperNode::request_status_publish() {
  if (status_flush_timer_ != 0) return;
  // Events of one instant (eight motors arriving together) make one publish.
  status_flush_timer_ = ports_.scheduler.call_at(ports_.scheduler.now(), guarded([this] {
    status_flush_timer_ = 0;
    publish_status(false);
  }));
}

void StepperNode::publish_config() {
  if (!ports_.mqtt.connected()) return;
  ports_.mqtt.publish(topic("config"), config_snapshot().dump(), 1, true);
}

void StepperNode::arm_telemetry() {
  const std::int64_t due = now_ms() + (any_moving() ? kMovingPeriodMs : kIdlePeriodMs);
  if (telemetry_timer_ != 0 && telemetry_due_ms_ <= due) return;
  ports_.scheduler.cancel(telemetry_timer_);
  telemetry_due_ms_ = due;
  telemetry_timer_ = ports_.scheduler.call_at(Micros(boot_us_ + due * 1000), guarded([this] { telemetry_tick(); }));
}

void StepperNode::telemetry_tick() {
  telemetry_timer_ = 0;
  begin_event();
  end_event();
}

}  // namespace hil::core
