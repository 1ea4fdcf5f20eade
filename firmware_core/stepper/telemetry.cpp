// The node's telemetry: the status topic (1 Hz idle, 5 Hz moving, on change, no repeats) and the
// retained config topic.
#include "firmware_core/stepper/telemetry.h"

namespace hil::stepper {
namespace {

constexpr std::int64_t kIdlePeriodMs = 1000;
constexpr std::int64_t kMovingPeriodMs = 200;

}  // namespace

Telemetry::Telemetry(core::MqttLink& mqtt, core::Wifi& wifi, const MotorBank& motors,
                     const MotionSettings& settings, const NodeClock& clock, EventBracket& events,
                     TelemetryTopics topics)
    : mqtt_(mqtt),
      wifi_(wifi),
      motors_(motors),
      settings_(settings),
      clock_(clock),
      events_(events),
      topics_(std::move(topics)) {}

Telemetry::~Telemetry() {
  clock_.scheduler.cancel(tick_timer_);
  clock_.scheduler.cancel(flush_timer_);
}

StatusSample Telemetry::sample() const {
  StatusSample sample;
  sample.ip = wifi_.status().ip;
  for (int id = 0; id < kMotorCount; ++id) {
    const MotorState& m = motors_.motor(id);
    MotorSample& out = sample.motors[static_cast<std::size_t>(id)];
    out.position = motors_.position(id);
    out.moving = m.op != nullptr;
    out.awake = motors_.awake(id);
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

nlohmann::json Telemetry::config() const {
  return {{"thermal_limiting", settings_.thermal_limiting},
          {"max_budget_s", ThermalBudget::kMaxBudgetS},
          {"microstep", settings_.microstep},
          {"microstep_mult", microstep_multiplier(settings_.microstep).value_or(1)},
          {"speed", settings_.speed_sps},
          {"accel", settings_.accel_sps2},
          {"decel", settings_.decel_sps2}};
}

void Telemetry::publish_status(bool force) {
  if (!mqtt_.connected()) return;
  StatusSample status = sample();
  if (!force && last_status_ && status == *last_status_) return;
  mqtt_.publish(topics_.status, status.to_payload(), 0, false);
  last_status_ = std::move(status);
}

void Telemetry::request_status_publish() {
  if (flush_timer_ != 0) return;
  // Events of one instant (eight motors arriving together) make one publish.
  flush_timer_ = clock_.scheduler.call_at(clock_.scheduler.now(), life_.guard([this] {
    flush_timer_ = 0;
    publish_status(false);
  }));
}

void Telemetry::publish_config() {
  if (!mqtt_.connected()) return;
  mqtt_.publish(topics_.config, config().dump(), 1, true);
}

void Telemetry::arm() {
  const std::int64_t due =
      clock_.now_ms() + (motors_.any_moving() ? kMovingPeriodMs : kIdlePeriodMs);
  if (tick_timer_ != 0 && tick_due_ms_ <= due) return;
  clock_.scheduler.cancel(tick_timer_);
  tick_due_ms_ = due;
  tick_timer_ = clock_.scheduler.call_at(clock_.at_ms(due), life_.guard([this] { tick(); }));
}

void Telemetry::tick() {
  tick_timer_ = 0;
  events_.begin_event();  // the bracket's end publishes the status and re-arms the tick
  events_.end_event();
}

}  // namespace hil::stepper
