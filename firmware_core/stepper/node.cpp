// The stepper node: boot, the console and MQTT entry points, batches, and dispatch by row.
#include "firmware_core/stepper/node.h"

#include <algorithm>

#include "firmware_core/common/text.h"
#include "firmware_core/common/uuid.h"
#include "firmware_core/stepper/mqtt_envelope.h"
#include "firmware_core/stepper/node_parts.h"
#include "firmware_core/stepper/serial_grammar.h"

namespace hil::stepper {
namespace {

// The node's last word: its will, or what a clean stop publishes in its place.
constexpr const char* kOfflineStatus = R"({"node_state":"offline","motors":{}})";

std::string mac_to_node_id(std::uint64_t mac) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (int shift = 44; shift >= 0; shift -= 4) out.push_back(kHex[(mac >> shift) & 0xF]);
  return out;
}

}  // namespace

StepperNode::StepperNode(NodePorts ports, NodeOptions options)
    : console_(ports.console),
      ports_{ports.scheduler, ports.random, ports.store,  ports.wifi,
             console_,        ports.mqtt,   ports.drivers},
      options_(std::move(options)),
      node_id_(options_.node_id.empty() ? mac_to_node_id(ports.wifi.mac()) : options_.node_id),
      clock_{ports.scheduler, 0},
      store_(ports.store, options_.broker_defaults),
      motors_(ports.drivers, clock_, motion_,
              PositionLimits{options_.min_position_steps, options_.max_position_steps}, *this),
      telemetry_(ports.mqtt, ports.wifi, motors_, motion_, clock_, *this,
                 TelemetryTopics{topic("status"), topic("config")}),
      queries_(motors_, motion_, store_, telemetry_, options_.free_heap_bytes),
      network_(ports.wifi, console_, store_, *this),
      serial_replies_(console_),
      mqtt_replies_(ports.mqtt, topic("cmd/resp"), memory_) {}

void StepperNode::boot() {
  clock_.boot_us = ports_.scheduler.now().count();
  motion_ = store_.load_motion();
  motors_.power_on(microstep_multiplier(motion_.microstep).value_or(1));
  ports_.mqtt.set_will(core::MqttWill{topic("status"), kOfflineStatus, 1, false});
  ports_.console.write_line("CTRL:READY Serial v1 \xE2\x80\x94 send HELP");
  network_.power_on();
  telemetry_.arm();
}

void StepperNode::shut_down() { ports_.mqtt.publish(topic("status"), kOfflineStatus, 1, false); }

std::string StepperNode::new_id() { return core::make_uuid4(ports_.random); }

void StepperNode::begin_event() { motors_.update_budgets(); }

void StepperNode::end_event() {
  motors_.reschedule_thermal_check();
  telemetry_.request_status_publish();
  telemetry_.arm();
}

void StepperNode::refuse_on_console(const Problem& problem) {
  ports_.console.write_line(SerialReplies::problem_line("CTRL:ERR", new_id(), problem));
}

void StepperNode::on_serial_bytes(std::string_view bytes) {
  for (const char c : bytes) {
    if (c == '\r' || c == '\n') {
      if (console_overflow_) {
        console_overflow_ = false;
        console_buffer_.clear();
        ports_.console.write_line(SerialReplies::problem_line(
            "CTRL:ERR", "", Problem{ErrorCode::kBadParam, "buffer_overflow", {}}));
        continue;
      }
      const std::string line = std::move(console_buffer_);
      console_buffer_.clear();
      on_serial_line(line);
    } else if (console_overflow_ || console_buffer_.size() >= kConsoleBufferBytes) {
      console_overflow_ = true;  // drop the whole line: none of it runs
    } else {
      console_buffer_.push_back(c);
    }
  }
}

std::size_t StepperNode::on_serial_peer_gone() {
  const std::size_t dropped = console_buffer_.size();
  console_buffer_.clear();
  console_overflow_ = false;
  return dropped;
}

void StepperNode::on_serial_line(std::string_view line) {
  if (core::trim(line).empty()) return;
  begin_event();
  std::vector<ParsedCommand> batch;
  for (const std::string_view part : core::split_unquoted(line, ';')) {
    if (!core::trim(part).empty()) batch.push_back(parse_serial_command(part));
  }
  const bool unknown = std::any_of(batch.begin(), batch.end(),
                                   [](const ParsedCommand& p) { return p.row == nullptr; });
  if (unknown) {
    refuse_on_console(Problem{ErrorCode::kBadCmd, {}, {}});
    end_event();
    return;
  }
  if (batch.size() > 1) {
    MotorMask claimed = 0;
    for (const auto& parsed : batch) {
      if (parsed.problem || !parsed.row->has(kMotion)) continue;
      if (claimed & parsed.command.motors) {
        refuse_on_console(Problem{ErrorCode::kBadParam, "MULTI_CMD_CONFLICT", {}});
        end_event();
        return;
      }
      claimed |= parsed.command.motors;
    }
  }
  std::optional<std::int64_t> batch_est;
  bool stopped = false;
  for (const auto& parsed : batch) {
    const CommandRef ref{new_id(), parsed.row->name, parsed.row->console_action};
    const Outcome outcome = execute(parsed, serial_replies_, ref);
    if (outcome.est_ms) batch_est = std::max(batch_est.value_or(0), *outcome.est_ms);
    stopped = outcome.failed && parsed.row->has(kEndsBatchOnError);
    if (stopped) break;
  }
  // A batch that a failing MOVE or HOME stopped gets no combined ACK: it did not go through.
  if (batch.size() > 1 && batch_est && !stopped) {
    ports_.console.write_line("CTRL:ACK msg_id=" + new_id() +
                              " est_ms=" + std::to_string(*batch_est));
  }
  end_event();
}

void StepperNode::on_mqtt_message(std::string_view topic_name, std::string_view payload) {
  if (topic_name != topic("cmd")) return;
  begin_event();
  const Envelope env = parse_envelope(payload);
  if (env.cmd_id && memory_.seen(*env.cmd_id)) {
    if (memory_.notice_due(clock_.now_ms()))
      ports_.console.write_line("CTRL:INFO MQTT_DUPLICATE cmd_id=" + *env.cmd_id);
    mqtt_replies_.replay(*env.cmd_id);
    end_event();
    return;
  }
  const std::string id = env.cmd_id ? *env.cmd_id : new_id();
  if (env.payload_problem) {
    // Not remembered: a corrected payload sent again under the same cmd_id must run.
    mqtt_replies_.send(CommandRef{id, env.action_name, env.action_name},
                       error_reply(*env.payload_problem));
  } else {
    memory_.remember(id);
    const char* console_action =
        env.parsed.row != nullptr ? env.parsed.row->console_action : "UNKNOWN";
    execute(env.parsed, mqtt_replies_, CommandRef{id, env.action_name, console_action});
  }
  end_event();
}

void StepperNode::on_mqtt_connected() {
  begin_event();
  ports_.mqtt.subscribe(topic("cmd"), 1);
  telemetry_.publish_config();
  telemetry_.publish_status(true);
  end_event();
}

Outcome StepperNode::execute(const ParsedCommand& parsed, ReplyChannel& channel,
                             const CommandRef& ref) {
  if (parsed.problem || parsed.row == nullptr) {
    channel.send(ref, error_reply(parsed.problem.value_or(Problem{ErrorCode::kBadCmd, {}, {}})));
    return Outcome{true, std::nullopt};
  }
  NodeParts parts{motors_, queries_, network_};
  return parsed.row->handler(parts, Request{parsed.command, channel, ref});
}

}  // namespace hil::stepper
