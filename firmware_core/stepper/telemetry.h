// The node's telemetry: the status topic (1 Hz idle, 5 Hz moving, on change, no repeats) and the
// retained config topic.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "firmware_core/ports/mqtt_link.h"
#include "firmware_core/ports/wifi.h"
#include "firmware_core/stepper/motor_bank.h"
#include "firmware_core/stepper/node_context.h"
#include "firmware_core/stepper/settings.h"
#include "firmware_core/stepper/status_sample.h"

namespace hil::stepper {

struct TelemetryTopics {
  std::string status;
  std::string config;
};

class Telemetry {
 public:
  Telemetry(core::MqttLink& mqtt, core::Wifi& wifi, const MotorBank& motors,
            const MotionSettings& settings, const NodeClock& clock, EventBracket& events,
            TelemetryTopics topics);
  ~Telemetry();
  Telemetry(const Telemetry&) = delete;
  Telemetry& operator=(const Telemetry&) = delete;

  StatusSample sample() const;
  nlohmann::json config() const;

  // Publishes the status now (force: even if unchanged since the last one).
  void publish_status(bool force);
  // Publishes the status once the events of this instant are over, if it changed.
  void request_status_publish();
  void publish_config();
  // Keeps the periodic publish due within its period (shorter while a motor moves).
  void arm();

 private:
  void tick();

  core::MqttLink& mqtt_;
  core::Wifi& wifi_;
  const MotorBank& motors_;
  const MotionSettings& settings_;
  const NodeClock& clock_;
  EventBracket& events_;
  TelemetryTopics topics_;
  core::TimerId tick_timer_ = 0;
  core::TimerId flush_timer_ = 0;
  std::int64_t tick_due_ms_ = 0;
  std::optional<StatusSample> last_status_;
  LifeToken life_;
};

}  // namespace hil::stepper
