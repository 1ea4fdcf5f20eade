// The stepper node: boot, the console and MQTT entry points, and the dispatch table.
#include "firmware_core/stepper/node.h"

#include "firmware_core/common/text.h"
#include "firmware_core/common/uuid.h"
#include "firmware_core/stepper/mqtt_envelope.h"
#include "firmware_core/stepper/serial_grammar.h"

namespace hil::core {
namespace {

std::string mac_to_node_id(std::uint64_t mac) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (int shift = 44; shift >= 0; shift -= 4) out.push_back(kHex[(mac >> shift) & 0xF]);
  return out;
}

}  // namespace

StepperNode::StepperNode(NodePorts ports, NodeOptions options)
    : ports_(ports),
      options_(std::move(options)),
      node_id_(options_.node_id.empty() ? mac_to_node_id(ports.wifi.mac()) : options_.node_id),
      settings_(ports.store, options_.broker_defaults),
      serial_replies_(ports.console),
      mqtt_replies_(std::make_unique<MqttReplies>(ports.mqtt, topic("cmd/resp"))) {}

StepperNode::~StepperNode() {
  *alive_ = false;
  ports_.scheduler.cancel(thermal_timer_);
  ports_.scheduler.cancel(telemetry_timer_);
  ports_.scheduler.cancel(status_flush_timer_);
}

void StepperNode::boot() {
  boot_us_ = ports_.scheduler.now().count();
  motion_ = settings_.load_motion();
  for (int id = 0; id < kMotorCount; ++id) {
    MotorState& m = motors_[static_cast<std::size_t>(id)];
    m.speed_sps = MotionSettings{}.speed_sps;  // each motor shows the rates of its own last move or homing:
    m.accel_sps2 = MotionSettings{}.accel_sps2;  // the factory ones before any
    m.actual_ms = 0;  // "the last operation is over" from boot on: STATUS and telemetry keep one shape
    m.thermal.update(0, false);
    ports_.drivers[static_cast<std::size_t>(id)]->set_enabled(false);
    ports_.drivers[static_cast<std::size_t>(id)]->set_microstep_multiplier(
        microstep_multiplier(motion_.microstep).value_or(1));
  }
  ports_.mqtt.set_will(MqttWill{topic("status"), R"({"node_state":"offline","motors":{}})", 1, false});
  ports_.console.write_line("CTRL:READY Serial v1 \xE2\x80\x94 send HELP");
  if (const auto wifi = settings_.load_wifi()) {
    join_wifi(wifi->first, wifi->second);
  } else {
    ports_.wifi.start_access_point();
  }
  arm_telemetry();
}

std::int64_t StepperNode::now_ms() const { return (ports_.scheduler.now().count() - boot_us_) / 1000; }

std::string StepperNode::new_id() { return make_uuid4(ports_.random); }

void StepperNode::begin_event() {
  const std::int64_t now = now_ms();
  for (int id = 0; id < kMotorCount; ++id) motors_[static_cast<std::size_t>(id)].thermal.update(now, awake(id));
}

void StepperNode::end_event() {
  reschedule_thermal_check();
  request_status_publish();
  arm_telemetry();
}

void StepperNode::on_serial_bytes(std::string_view bytes) {
  for (const char c : bytes) {
    if (c == '\r' || c == '\n') {
      if (console_overflow_) {
        console_overflow_ = false;
        console_buffer_.clear();
        ports_.console.write_line(SerialReplies::problem_line("CTRL:ERR", "", Problem{"E03", "buffer_overflow", {}}));
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

void StepperNode::on_serial_line(std::string_view line) {
  if (trim(line).empty()) return;
  begin_event();
  std::vector<ParsedCommand> batch;
  for (const std::string_view part : split_unquoted(line, ';')) {
    if (!trim(part).empty()) batch.push_back(parse_serial_command(part));
  }
  const auto refuse = [this](Problem problem) {
    ports_.console.write_line(SerialReplies::problem_line("CTRL:ERR", new_id(), problem));
  };
  for (const auto& parsed : batch) {
    if (!parsed.action) {
      refuse(Problem{"E01", {}, {}});
      end_event();
      return;
    }
  }
  if (batch.size() > 1) {
    MotorMask claimed = 0;
    for (const auto& parsed : batch) {
      if (parsed.problem || !info(*parsed.action).motion) continue;
      if (claimed & parsed.command.motors) {
        refuse(Problem{"E03", "MULTI_CMD_CONFLICT", {}});
        end_event();
        return;
      }
      claimed |= parsed.command.motors;
    }
  }
  std::optional<std::int64_t> batch_est;
  bool stopped = false;
  for (const auto& parsed : batch) {
    const ActionInfo& row = info(*parsed.action);
    const CommandRef ref{new_id(), row.name, row.serial_action};
    const Outcome outcome = execute(parsed, serial_replies_, ref);
    if (outcome.est_ms) batch_est = std::max(batch_est.value_or(0), *outcome.est_ms);
    stopped = outcome.failed && (row.action == Action::kMove || row.action == Action::kHome);
    if (stopped) break;
  }
  // A batch that a failing MOVE or HOME stopped gets no combined ACK: it did not go through.
  if (batch.size() > 1 && batch_est && !stopped) {
    ports_.console.write_line("CTRL:ACK msg_id=" + new_id() + " est_ms=" + std::to_string(*batch_est));
  }
  end_event();
}

void StepperNode::on_mqtt_message(std::string_view topic_name, std::string_view payload) {
  if (topic_name != topic("cmd")) return;
  begin_event();
  const Envelope env = parse_envelope(payload);
  if (env.cmd_id && mqtt_replies_->seen(*env.cmd_id)) {
    const std::int64_t now = now_ms();
    if (!last_duplicate_info_ms_ || now - *last_duplicate_info_ms_ >= 1000) {
      last_duplicate_info_ms_ = now;
      ports_.console.write_line("CTRL:INFO MQTT_DUPLICATE cmd_id=" + *env.cmd_id);
    }
    mqtt_replies_->replay(*env.cmd_id);
    end_event();
    return;
  }
  const std::string id = env.cmd_id ? *env.cmd_id : new_id();
  if (env.payload_problem) {
    // Not remembered: a corrected payload sent again under the same cmd_id must run.
    mqtt_replies_->send(CommandRef{id, env.action_name, env.action_name}, error_reply(*env.payload_problem));
  } else {
    mqtt_replies_->remember(id);
    const char* serial_action = env.parsed.action ? info(*env.parsed.action).serial_action : "UNKNOWN";
    execute(env.parsed, *mqtt_replies_, CommandRef{id, env.action_name, serial_action});
  }
  end_event();
}

void StepperNode::on_mqtt_connected() {
  begin_event();
  ports_.mqtt.subscribe(topic("cmd"), 1);
  publish_config();
  publish_status(true);
  end_event();
}

Reply StepperNode::error_reply(Problem problem) {
  Reply reply;
  reply.stage = Stage::kError;
  reply.error = std::move(problem);
  return reply;
}

StepperNode::Outcome StepperNode::execute(const ParsedCommand& parsed, ReplyChannel& channel,
                                          const CommandRef& ref) {
  if (parsed.problem) {
    channel.send(ref, error_reply(*parsed.problem));
    return Outcome{true, std::nullopt};
  }
  const Command& cmd = parsed.command;
  switch (cmd.action) {
    case Action::kMove: return run_move(cmd, channel, ref);
    case Action::kHome: return run_home(cmd, channel, ref);
    case Action::kWake: return run_wake(cmd, channel, ref);
    case Action::kSleep: return run_sleep(cmd, channel, ref);
    case Action::kStatus: return run_status(channel, ref);
    case Action::kGet: return run_get(cmd, channel, ref);
    case Action::kSet: return run_set(cmd, channel, ref);
    case Action::kNetStatus: return run_net_status(channel, ref);
    case Action::kNetReset: return run_net_reset(channel, ref);
    case Action::kNetList: return run_net_list(channel, ref);
    case Action::kNetSet: return run_net_set(cmd, channel, ref);
    case Action::kMqttGetConfig: return run_mqtt_get_config(channel, ref);
    case Action::kMqttSetConfig: return run_mqtt_set_config(cmd, channel, ref);
    case Action::kHelp: return run_help(channel, ref);
  }
  return Outcome{true, std::nullopt};
}

}  // namespace hil::core
