// The node's queries and motion settings: STATUS, GET, SET, HELP.
#include "firmware_core/stepper/query_commands.h"

#include "firmware_core/common/text.h"
#include "firmware_core/stepper/reply_channel.h"

namespace hil::stepper {
namespace {

// Tenths of a second as X.Y, the console's budget format.
std::string tenths_text(std::int32_t tenths) {
  const std::int32_t magnitude = tenths < 0 ? -tenths : tenths;
  return std::string(tenths < 0 ? "-" : "") + std::to_string(magnitude / 10) + "." +
         std::to_string(magnitude % 10);
}

Field text_field(const char* key, std::string value) { return Field{key, std::move(value)}; }
Field int_field(const char* key, std::int64_t value) { return Field{key, value}; }

}  // namespace

Outcome QueryCommands::status(const Request& request) {
  Reply ack;
  ack.stage = Stage::kAck;
  for (int id = 0; id < kMotorCount; ++id) {
    const MotorState& m = motors_.motor(id);
    std::string line =
        "id=" + std::to_string(id) + " pos=" + std::to_string(motors_.position(id)) +
        " moving=" + (m.op != nullptr ? "1" : "0") + " awake=" + (motors_.awake(id) ? "1" : "0") +
        " homed=" + (m.homed ? "1" : "0") +
        " steps_since_home=" + std::to_string(m.steps_since_home) +
        " budget_s=" + tenths_text(m.thermal.tenths()) +
        " ttfc_s=" + tenths_text(m.thermal.ttfc_tenths()) +
        " speed=" + std::to_string(m.speed_sps) + " accel=" + std::to_string(m.accel_sps2) +
        " est_ms=" + std::to_string(m.est_ms) + " started_ms=" + std::to_string(m.started_ms);
    if (m.actual_ms) line += " actual_ms=" + std::to_string(*m.actual_ms);
    ack.serial_lines.push_back(std::move(line));
  }
  request.channel.send(request.ref, ack);
  return Outcome{};
}

std::vector<Field> QueryCommands::timing_fields(int id) const {
  const MotorState& m = motors_.motor(id);
  std::vector<Field> fields = {int_field("id", id), int_field("ongoing", m.op != nullptr ? 1 : 0),
                               int_field("est_ms", m.est_ms),
                               int_field("started_ms", m.started_ms)};
  if (m.actual_ms) fields.push_back(int_field("actual_ms", *m.actual_ms));
  return fields;
}

Outcome QueryCommands::get(const Request& request) {
  Reply done;
  const std::string& res = request.command.resource;
  const auto limiting = [this] {
    return text_field("THERMAL_LIMITING", motion_.thermal_limiting ? "ON" : "OFF");
  };
  const Field max_budget = int_field("max_budget_s", ThermalBudget::kMaxBudgetS);
  if (res == "ALL") {
    done.fields = {int_field("SPEED", motion_.speed_sps),
                   int_field("ACCEL", motion_.accel_sps2),
                   int_field("DECEL", motion_.decel_sps2),
                   limiting(),
                   max_budget,
                   int_field("free_heap_bytes", free_heap_bytes_)};
  } else if (res == "SPEED") {
    done.fields = {int_field("SPEED", motion_.speed_sps)};
  } else if (res == "ACCEL") {
    done.fields = {int_field("ACCEL", motion_.accel_sps2)};
  } else if (res == "DECEL") {
    done.fields = {int_field("DECEL", motion_.decel_sps2)};
  } else if (res == "THERMAL_LIMITING") {
    done.fields = {limiting(), max_budget};
  } else if (res == "MICROSTEP") {
    done.fields = {text_field("MICROSTEP", motion_.microstep)};
  } else if (res == "LAST_OP_TIMING" && request.command.timing_motors &&
             *request.command.timing_motors != kAllMotors) {
    done.fields = timing_fields(first_motor(*request.command.timing_motors));
    done.fields.push_back(int_field("LAST_OP_TIMING", 1));
  } else if (res == "LAST_OP_TIMING") {
    Reply ack;
    ack.stage = Stage::kAck;
    ack.serial_only = true;
    ack.serial_lines.emplace_back("LAST_OP_TIMING");
    nlohmann::json motors = nlohmann::json::array();
    for (int id = 0; id < kMotorCount; ++id) {
      std::string line;
      nlohmann::json entry = nlohmann::json::object();
      for (const Field& field : timing_fields(id)) {
        const std::int64_t value = std::get<std::int64_t>(field.value);
        line += (line.empty() ? "" : " ") + field.key + "=" + std::to_string(value);
        entry[field.key] = value;
      }
      ack.serial_lines.push_back(std::move(line));
      motors.push_back(std::move(entry));
    }
    request.channel.send(request.ref, ack);
    done.mqtt_result["LAST_OP_TIMING"] =
        1;  // the console's DONE says nothing more; MQTT keeps its shape
    done.mqtt_result["motors"] = std::move(motors);
  } else {
    request.channel.send(
        request.ref, error_reply(Problem{ErrorCode::kBadParam, {}, {text_field("resource", res)}}));
    return Outcome{true, std::nullopt};
  }
  request.channel.send(request.ref, done);
  return Outcome{};
}

Outcome QueryCommands::set(const Request& request) {
  MotionSettings next = motion_;
  Reply done;
  std::optional<Problem> problem;
  bool touches_rates = false, touches_microstep = false;
  for (const auto& [raw_key, value] : request.command.assignments) {
    const std::string key = core::to_upper(raw_key);
    const auto number = core::parse_int(value);
    const auto bad = [&] { problem = Problem{ErrorCode::kBadParam, {}, {text_field("key", key)}}; };
    if (key == "SPEED" || key == "ACCEL" || key == "DECEL") {
      const std::int64_t min = key == "DECEL" ? 0 : 1;
      if (!number || *number < min || *number > 0x7FFFFFFF) {
        bad();
        break;
      }
      std::uint32_t& slot = key == "SPEED"   ? next.speed_sps
                            : key == "ACCEL" ? next.accel_sps2
                                             : next.decel_sps2;
      slot = static_cast<std::uint32_t>(*number);
      done.fields.push_back(int_field(key.c_str(), *number));
      touches_rates = true;
    } else if (key == "THERMAL_LIMITING") {
      const std::string word = core::to_upper(value);
      if (word != "ON" && word != "OFF") {
        bad();
        break;
      }
      next.thermal_limiting = word == "ON";
      done.fields.push_back(text_field("THERMAL_LIMITING", word));
    } else if (key == "MICROSTEP") {
      const auto multiplier = microstep_multiplier(value);
      if (!multiplier) {
        bad();
        break;
      }
      next.microstep = core::to_upper(value);
      done.fields.push_back(text_field("MICROSTEP", next.microstep));
      done.fields.push_back(int_field("multiplier", *multiplier));
      touches_microstep = true;
    } else {
      bad();
      break;
    }
  }
  if (!problem && touches_rates && motors_.any_moving())
    problem = Problem{ErrorCode::kBusy, {}, {}};
  if (!problem && touches_microstep) {
    for (int id = 0; id < kMotorCount && !problem; ++id) {
      if (motors_.awake(id)) problem = Problem{ErrorCode::kBusy, {}, {int_field("id", id)}};
    }
  }
  if (problem) {
    request.channel.send(request.ref, error_reply(std::move(*problem)));
    return Outcome{true, std::nullopt};
  }
  if (!store_.save_motion(next)) {  // not in effect either: what a restart would lose is refused
    request.channel.send(request.ref, error_reply(Problem{ErrorCode::kSetSaveFailed, {}, {}}));
    return Outcome{true, std::nullopt};
  }
  motion_ = next;
  // A motor's own speed and accel stay those of its last move or homing until its next one.
  motors_.set_microstep_multiplier(microstep_multiplier(motion_.microstep).value_or(1));
  telemetry_.publish_config();
  request.channel.send(request.ref, done);
  return Outcome{};
}

Outcome QueryCommands::help(const Request& request) {
  Reply done;
  done.serial_lines = help_lines();
  done.serial_without_id = true;
  done.mqtt_result["lines"] = help_lines();
  request.channel.send(request.ref, done);
  return Outcome{};
}

}  // namespace hil::stepper
