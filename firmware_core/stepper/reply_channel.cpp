// Console and MQTT renderings of dispatcher replies.
#include "firmware_core/stepper/reply_channel.h"

#include <algorithm>
#include <utility>

namespace hil::stepper {
namespace {

std::string render_value(const Field& field) {
  if (const auto* number = std::get_if<std::int64_t>(&field.value)) return std::to_string(*number);
  return std::get<std::string>(field.value);
}

std::string render_fields(std::vector<Field> fields) {
  std::stable_sort(fields.begin(), fields.end(),
                   [](const Field& a, const Field& b) { return a.key < b.key; });
  std::string out;
  for (const auto& field : fields) {
    out += ' ';
    out += field.key;
    out += '=';
    out += render_value(field);
  }
  return out;
}

nlohmann::json field_json(const Field& field) {
  if (const auto* number = std::get_if<std::int64_t>(&field.value)) return *number;
  return std::get<std::string>(field.value);
}

nlohmann::json problem_json(const Problem& problem) {
  nlohmann::json out = {{"code", code_text(problem.code)}};
  const std::string name = code_name(problem.code);
  if (!name.empty()) out["message"] = name;
  if (!problem.detail.empty()) out["reason"] = problem.detail;
  for (const auto& field : problem.fields) out[field.key] = field_json(field);
  return out;
}

// The fields a console line shows: those the catalog shows for the code, or the problem asks for.
std::string console_fields(const Problem& problem) {
  return console_shows_fields(problem.code) || problem.fields_on_console
             ? render_fields(problem.fields)
             : "";
}

}  // namespace

std::string SerialReplies::problem_line(const char* prefix, const std::string& id,
                                        const Problem& problem) {
  std::string line = prefix;
  if (!id.empty()) line += " msg_id=" + id;
  line += ' ';
  line += code_text(problem.code);
  const std::string name = code_name(problem.code);
  if (!name.empty()) line += ' ' + name;
  if (!problem.detail.empty()) line += ' ' + problem.detail;
  return line + console_fields(problem);
}

std::string SerialReplies::warning_line(const std::string& id, const Problem& problem) {
  const std::string name = code_name(problem.code);
  std::string line = "CTRL:WARN msg_id=" + id + ' ' + (name.empty() ? problem.code_text() : name);
  if (!problem.detail.empty()) line += ' ' + problem.detail;
  return line + console_fields(problem);
}

void SerialReplies::send(const CommandRef& ref, const Reply& reply) {
  for (const auto& warning : reply.warnings) console_.write_line(warning_line(ref.id, warning));
  switch (reply.stage) {
    case Stage::kAck:
      console_.write_line("CTRL:ACK msg_id=" + ref.id + render_fields(reply.fields));
      for (const auto& line : reply.serial_lines) console_.write_line(line);
      break;
    case Stage::kDone: {
      for (const auto& line : reply.serial_lines) console_.write_line(line);
      std::vector<Field> fields = reply.fields;
      fields.push_back(Field{"status", std::string("done")});
      std::string head = "CTRL:DONE";
      if (!reply.serial_without_id) head += " cmd_id=" + ref.id;
      console_.write_line(head + " action=" + ref.serial_action + render_fields(std::move(fields)));
      break;
    }
    case Stage::kError:
      console_.write_line(problem_line("CTRL:ERR", ref.id, reply.error));
      break;
  }
}

nlohmann::json MqttReplies::to_json(const CommandRef& ref, const Reply& reply) {
  static const char* const kStatus[] = {"ack", "done", "error"};
  nlohmann::json out = {{"cmd_id", ref.id},
                        {"action", ref.action},
                        {"status", kStatus[static_cast<int>(reply.stage)]}};
  if (reply.stage == Stage::kError) {
    out["errors"] = nlohmann::json::array({problem_json(reply.error)});
  } else {
    nlohmann::json result = reply.mqtt_result;
    for (const auto& field : reply.fields) result[field.key] = field_json(field);
    if (!result.empty()) out["result"] = std::move(result);
  }
  if (!reply.warnings.empty()) {
    nlohmann::json warnings = nlohmann::json::array();
    for (const auto& warning : reply.warnings) warnings.push_back(problem_json(warning));
    out["warnings"] = std::move(warnings);
  }
  return out;
}

void MqttReplies::send(const CommandRef& ref, const Reply& reply) {
  if (reply.serial_only) return;
  const std::string payload = to_json(ref, reply).dump();
  memory_.record(ref.id, payload);
  link_.publish(topic_, payload, 1, false);
}

void MqttReplies::replay(const std::string& cmd_id) {
  for (const auto& payload : memory_.payloads(cmd_id)) link_.publish(topic_, payload, 1, false);
}

}  // namespace hil::stepper
