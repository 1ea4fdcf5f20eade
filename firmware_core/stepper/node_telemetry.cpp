// The stepper node's telemetry: the status topic (1 Hz idle, 5 Hz moving, on change, no repeats)
// and the retained config topic.
#include "firmware_core/stepper/node.h"

namespace hil::core {
namespace {

constexpr std::int64_t kIdlePeriodMs = 1000;
constexpr std::int64_t kMovingPeriodMs = 200;

}  // namespace

nlohmann::json StepperNode::status_snapshot() {
  nlohmann::json motors = nlohmann::json::object();
  for (int id = 0; id < kMotorCount; ++id) {
    const MotorState& m = motors_[static_cast<std::size_t>(id)];
    nlohmann::json motor = {
        {"id", id},
        {"position", ports_.drivers[static_cast<std::size_t>(id)]->position()},
        {"moving", m.op != nullptr},
        {"awake", awake(id)},
        {"homed", m.homed},
        {"steps_since_home", m.steps_since_home},
        {"budget_s", m.thermal.tenths() / 10.0},
        {"ttfc_s", m.thermal.ttfc_tenths() / 10.0},
        {"speed", m.speed_sps},
        {"accel", m.accel_sps2},
        {"est_ms", m.est_ms},
        {"started_ms", m.started_ms},
    };
    if (m.actual_ms) motor["actual_ms"] = *m.actual_ms;
    motors[std::to_string(id)] = std::move(motor);
  }
  return {{"node_state", "ready"}, {"ip", ports_.wifi.status().ip}, {"motors", std::move(motors)}};
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
  std::string payload = status_snapshot().dump();
  if (!force && payload == last_status_payload_) return;
  ports_.mqtt.publish(topic("status"), payload, 0, false);
  last_status_payload_ = std::move(payload);
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
