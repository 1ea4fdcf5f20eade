// The ESP32 stepper node's firmware: console and MQTT commands, motion, thermal budget, telemetry.
// Protocol: shared/specs/stepper-command-schema.md and the stepper part of behaviour-notes.md.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "firmware_core/ports/config_store.h"
#include "firmware_core/ports/line_sink.h"
#include "firmware_core/ports/mqtt_link.h"
#include "firmware_core/ports/random_source.h"
#include "firmware_core/ports/scheduler.h"
#include "firmware_core/ports/stepper_driver.h"
#include "firmware_core/ports/wifi.h"
#include "firmware_core/stepper/command.h"
#include "firmware_core/stepper/motion.h"
#include "firmware_core/stepper/reply_channel.h"
#include "firmware_core/stepper/settings.h"
#include "firmware_core/stepper/status_sample.h"
#include "firmware_core/stepper/thermal.h"

namespace hil::core {

struct NodePorts {
  Scheduler& scheduler;
  RandomSource& random;
  ConfigStore& store;
  Wifi& wifi;
  LineSink& console;
  MqttLink& mqtt;
  std::array<StepperDriver*, kMotorCount> drivers;
};

struct NodeOptions {
  std::string node_id;  // empty: the Wi-Fi MAC in lower-case hex, as the firmware derives it
  std::uint32_t free_heap_bytes = 51264;
  BrokerConfig broker_defaults;
  std::int32_t min_position_steps = -1200;
  std::int32_t max_position_steps = 1200;
};

// What the node knows about one motor; the driver knows where it is.
struct MotorState {
  bool wake_hold = false;  // WAKE given and no SLEEP since
  bool homed = false;
  std::int64_t steps_since_home = 0;
  ThermalBudget thermal;
  std::uint32_t speed_sps = 0;
  std::uint32_t accel_sps2 = 0;
  std::int64_t est_ms = 0;
  std::int64_t started_ms = 0;
  std::optional<std::int64_t> actual_ms;  // empty while the last operation runs
  std::int32_t leg_start_steps = 0;
  struct Operation* op = nullptr;
};

// A running MOVE or HOME: the motors it drives and where its DONE goes.
struct Operation {
  CommandRef ref;
  ReplyChannel* channel = nullptr;
  Action action = Action::kMove;
  MotorMask motors = 0;
  MotorMask running = 0;    // motors still moving in the current leg
  MotorMask cancelled = 0;  // forced asleep before the end
  int leg = 0;              // HOME: 1..3
  HomeGeometry home;
  MoveProfile profile;
  std::int64_t started_ms = 0;
};

class StepperNode {
 public:
  static constexpr std::size_t kConsoleBufferBytes = 255;

  StepperNode(NodePorts ports, NodeOptions options);
  ~StepperNode();
  StepperNode(const StepperNode&) = delete;
  StepperNode& operator=(const StepperNode&) = delete;

  // Power-on: prints the READY banner, loads settings, joins Wi-Fi, starts telemetry.
  void boot();

  // Raw console bytes; complete lines (\r or \n) are run, a line over 255 bytes is refused whole.
  void on_serial_bytes(std::string_view bytes);
  // One complete console line (a command or a `;` batch).
  void on_serial_line(std::string_view line);
  void on_mqtt_message(std::string_view topic, std::string_view payload);
  // The broker session is (re)established: subscribe and publish config and status.
  void on_mqtt_connected();

  const std::string& node_id() const { return node_id_; }
  std::string topic(std::string_view leaf) const { return "devices/" + node_id_ + "/" + std::string(leaf); }
  StatusSample sample_status() const;
  nlohmann::json status_snapshot() const { return sample_status().to_json(); }
  nlohmann::json config_snapshot() const;
  const MotorState& motor(int id) const { return motors_[static_cast<std::size_t>(id)]; }

  // Called when MQTT:SET_CONFIG changed the stored broker settings.
  std::function<void(const BrokerConfig&)> on_broker_config_changed;

 private:
  struct Outcome {
    bool failed = false;
    std::optional<std::int64_t> est_ms;  // for the batch summary ACK
  };

  // Entry and exit of every event: keep budgets exact, then re-arm timers and telemetry.
  void begin_event();
  void end_event();
  std::int64_t now_ms() const;
  std::string new_id();
  // Wraps a callback so it does nothing once this node is gone (drivers and timers outlive it).
  template <typename Fn>
  std::function<void()> guarded(Fn fn) {
    return [alive = std::weak_ptr<bool>(alive_), fn = std::move(fn)]() {
      const auto token = alive.lock();
      if (token && *token) fn();
    };
  }

  Outcome execute(const ParsedCommand& parsed, ReplyChannel& channel, const CommandRef& ref);
  static Reply error_reply(Problem problem);

  // Motion (node_motion.cpp).
  Outcome run_move(const Command& cmd, ReplyChannel& channel, const CommandRef& ref);
  Outcome run_home(const Command& cmd, ReplyChannel& channel, const CommandRef& ref);
  Outcome run_wake(const Command& cmd, ReplyChannel& channel, const CommandRef& ref);
  Outcome run_sleep(const Command& cmd, ReplyChannel& channel, const CommandRef& ref);
  std::optional<Problem> check_busy(MotorMask mask) const;
  // Thermal pre-flight: an error (limiting on) or warnings (limiting off).
  std::optional<Problem> preflight(MotorMask mask, const std::array<std::int64_t, kMotorCount>& req_ms,
                                   std::vector<Problem>& warnings) const;
  Operation& open_operation(Action action, MotorMask mask, ReplyChannel& channel, const CommandRef& ref);
  void start_leg(Operation& op, MotorMask mask);
  void on_motor_stopped(int id);
  void close_motor(int id);
  void advance(Operation& op);
  void finish(Operation& op);
  void force_sleep(int id);
  bool awake(int id) const;
  bool any_moving() const;
  void reschedule_thermal_check();

  // Queries and settings (node_queries.cpp).
  Outcome run_status(ReplyChannel& channel, const CommandRef& ref);
  Outcome run_get(const Command& cmd, ReplyChannel& channel, const CommandRef& ref);
  Outcome run_set(const Command& cmd, ReplyChannel& channel, const CommandRef& ref);
  Outcome run_help(ReplyChannel& channel, const CommandRef& ref);
  std::vector<Field> timing_fields(int id) const;

  // Network and broker settings (node_network.cpp).
  Outcome run_net_status(ReplyChannel& channel, const CommandRef& ref);
  Outcome run_net_reset(ReplyChannel& channel, const CommandRef& ref);
  Outcome run_net_list(ReplyChannel& channel, const CommandRef& ref);
  Outcome run_net_set(const Command& cmd, ReplyChannel& channel, const CommandRef& ref);
  Outcome run_mqtt_get_config(ReplyChannel& channel, const CommandRef& ref);
  Outcome run_mqtt_set_config(const Command& cmd, ReplyChannel& channel, const CommandRef& ref);
  void join_wifi(const std::string& ssid, const std::string& pass);
  std::vector<Field> broker_fields(const BrokerConfig& broker) const;

  // Telemetry (node_telemetry.cpp).
  void publish_status(bool force);
  void request_status_publish();
  void publish_config();
  void telemetry_tick();
  void arm_telemetry();

  NodePorts ports_;
  NodeOptions options_;
  std::string node_id_;
  SettingsStore settings_;
  MotionSettings motion_;
  std::array<MotorState, kMotorCount> motors_{};
  std::vector<std::unique_ptr<Operation>> operations_;
  SerialReplies serial_replies_;
  std::unique_ptr<MqttReplies> mqtt_replies_;
  std::string console_buffer_;
  bool console_overflow_ = false;
  std::int64_t boot_us_ = 0;
  std::optional<std::int64_t> last_duplicate_info_ms_;
  TimerId thermal_timer_ = 0;
  TimerId telemetry_timer_ = 0;
  TimerId status_flush_timer_ = 0;
  std::int64_t telemetry_due_ms_ = 0;
  std::optional<StatusSample> last_status_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace hil::core
