// The ESP32 stepper node's firmware: console and MQTT commands, motion, thermal budget, telemetry.
// Protocol: shared/specs/stepper-command-schema.md and the stepper part of behaviour-notes.md.
// The node routes each command to the part its row names (command_table.cpp): the motors
// (motor_bank), queries and motion settings (query_commands), network and broker settings
// (network_commands); telemetry and the duplicate-command memory are parts of their own.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "firmware_core/common/printable_line_sink.h"
#include "firmware_core/ports/config_store.h"
#include "firmware_core/ports/line_sink.h"
#include "firmware_core/ports/mqtt_link.h"
#include "firmware_core/ports/random_source.h"
#include "firmware_core/ports/scheduler.h"
#include "firmware_core/ports/stepper_driver.h"
#include "firmware_core/ports/wifi.h"
#include "firmware_core/stepper/command_memory.h"
#include "firmware_core/stepper/motor_bank.h"
#include "firmware_core/stepper/network_commands.h"
#include "firmware_core/stepper/node_context.h"
#include "firmware_core/stepper/query_commands.h"
#include "firmware_core/stepper/reply_channel.h"
#include "firmware_core/stepper/settings.h"
#include "firmware_core/stepper/status_sample.h"
#include "firmware_core/stepper/telemetry.h"

namespace hil::stepper {

struct NodePorts {
  core::Scheduler& scheduler;
  core::RandomSource& random;
  core::ConfigStore& store;
  core::Wifi& wifi;
  core::LineSink& console;
  core::MqttLink& mqtt;
  std::array<core::StepperDriver*, kMotorCount> drivers;
};

struct NodeOptions {
  std::string node_id;  // empty: the Wi-Fi MAC in lower-case hex, as the firmware derives it
  std::uint32_t free_heap_bytes = 51264;
  BrokerConfig broker_defaults;
  std::int32_t min_position_steps = -1200;
  std::int32_t max_position_steps = 1200;
};

class StepperNode : private EventBracket {
 public:
  static constexpr std::size_t kConsoleBufferBytes = 255;

  StepperNode(NodePorts ports, NodeOptions options);
  StepperNode(const StepperNode&) = delete;
  StepperNode& operator=(const StepperNode&) = delete;

  // Power-on: prints the READY banner, loads settings, joins Wi-Fi, starts telemetry.
  void boot();

  // A clean stop (the process asked to end): publishes the offline status the will would have,
  // since the broker drops a will on a clean disconnect.
  void shut_down();

  // Raw console bytes; complete lines (\r or \n) are run, a line over 255 bytes is refused whole.
  void on_serial_bytes(std::string_view bytes);
  // The console's peer went away (it closed the PTY): the line it left unfinished is dropped and
  // none of it runs, so the next peer's first line arrives whole. Returns the bytes dropped.
  std::size_t on_serial_peer_gone();
  // One complete console line (a command or a `;` batch).
  void on_serial_line(std::string_view line);
  void on_mqtt_message(std::string_view topic, std::string_view payload);
  // The broker session is (re)established: subscribe and publish config and status.
  void on_mqtt_connected();

  const std::string& node_id() const { return node_id_; }
  std::string topic(std::string_view leaf) const {
    return "devices/" + node_id_ + "/" + std::string(leaf);
  }
  StatusSample sample_status() const { return telemetry_.sample(); }
  nlohmann::json status_snapshot() const { return sample_status().to_json(); }
  nlohmann::json config_snapshot() const { return telemetry_.config(); }

  // Calls fn when MQTT:SET_CONFIG changed the stored broker settings.
  void on_broker_config_changed(std::function<void(const BrokerConfig&)> fn) {
    network_.on_broker_config_changed = std::move(fn);
  }

 private:
  // Entry and exit of every event: keep budgets exact, then re-arm timers and telemetry.
  void begin_event() override;
  void end_event() override;
  std::string new_id();
  Outcome execute(const ParsedCommand& parsed, ReplyChannel& channel, const CommandRef& ref);
  void refuse_on_console(const Problem& problem);

  core::PrintableLineSink console_;  // before ports_, which prints through it
  NodePorts ports_;
  NodeOptions options_;
  std::string node_id_;
  NodeClock clock_;
  SettingsStore store_;
  MotionSettings motion_;
  MotorBank motors_;
  Telemetry telemetry_;
  QueryCommands queries_;
  NetworkCommands network_;
  CommandMemory memory_;
  SerialReplies serial_replies_;
  MqttReplies mqtt_replies_;
  std::string console_buffer_;
  bool console_overflow_ = false;
};

}  // namespace hil::stepper
