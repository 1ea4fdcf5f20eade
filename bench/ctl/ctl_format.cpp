// The host CLI's mapping of console syntax to envelopes and of responses to printed lines.
#include "bench/ctl/ctl_format.h"

#include "firmware_core/common/text.h"
#include "firmware_core/stepper/mqtt_envelope.h"
#include "firmware_core/stepper/reply_channel.h"
#include "firmware_core/stepper/serial_grammar.h"

namespace hil::ctl {
namespace {

std::string scalar_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// A response's field as text; empty when it is missing.
std::string text_field(const nlohmann::json& response, const char* key) {
  return scalar_text(response.value(key, nlohmann::json("")));
}

// `CODE [message] [reason] k=v..` for an error or warning object; anything else as it came.
std::string problem_text(const nlohmann::json& problem) {
  if (!problem.is_object()) return scalar_text(problem);
  std::string out = scalar_text(problem.value("code", nlohmann::json("?")));
  for (const char* key : {"message", "reason"}) {
    if (problem.contains(key)) out += " " + scalar_text(problem[key]);
  }
  for (auto it = problem.begin(); it != problem.end(); ++it) {
    if (it.key() == "code" || it.key() == "message" || it.key() == "reason") continue;
    out += " " + it.key() + "=" + scalar_text(it.value());
  }
  return out;
}

// A response's list (warnings, errors); a device that sent something else there sent one entry.
nlohmann::json list_field(const nlohmann::json& response, const char* key) {
  const auto it = response.find(key);
  if (it == response.end()) return nlohmann::json::array();
  return it->is_array() ? *it : nlohmann::json::array({*it});
}

// The lines of a response, as the device sent them.
std::vector<std::string> format_fields(const nlohmann::json& response) {
  std::vector<std::string> lines;
  const std::string head =
      "cmd_id=" + text_field(response, "cmd_id") + " action=" + text_field(response, "action");
  for (const auto& warning : list_field(response, "warnings")) {
    lines.push_back("[WARN] " + head + " " + problem_text(warning));
  }
  const std::string status = text_field(response, "status");
  if (status == "error") {
    for (const auto& error : list_field(response, "errors")) {
      lines.push_back("[ERR] " + head + " " + problem_text(error));
    }
    return lines;
  }
  std::string fields;
  std::vector<std::string> extra;
  const nlohmann::json result = response.value("result", nlohmann::json::object());
  if (!result.is_object()) fields = " result=" + scalar_text(result);
  for (auto it = result.begin(); result.is_object() && it != result.end(); ++it) {
    if (it.key() == "lines" && it.value().is_array()) {
      for (const auto& line : it.value()) extra.push_back(scalar_text(line));
    } else if (it.value().is_array()) {
      for (const auto& item : it.value()) {
        std::string row;
        for (auto f = item.begin(); item.is_object() && f != item.end(); ++f) {
          row += (row.empty() ? "" : " ") + f.key() + "=" + scalar_text(f.value());
        }
        extra.push_back("  " + (row.empty() ? scalar_text(item) : row));
      }
    } else {
      fields += " " + it.key() + "=" + scalar_text(it.value());
    }
  }
  const std::string tag = status == "ack"    ? "[ACK] "
                          : status == "done" ? "[DONE] "
                                             : "[" + status + "] ";
  if (status == "done") lines.insert(lines.end(), extra.begin(), extra.end());
  lines.push_back(tag + head + fields);
  if (status != "done") lines.insert(lines.end(), extra.begin(), extra.end());
  return lines;
}

}  // namespace

OutgoingCommand map_console_command(std::string_view text) {
  OutgoingCommand out;
  const stepper::ParsedCommand parsed = stepper::parse_serial_command(text);
  if (parsed.row == nullptr) {  // unknown here: let the node answer for itself
    std::string_view head = core::trim(text);
    head = head.substr(0, head.find_first_of(": ,"));
    out.envelope = {{"action", core::to_upper(head)}};
    return out;
  }
  if (parsed.problem) {
    out.local_error = stepper::SerialReplies::problem_line("", "", *parsed.problem).substr(1);
    return out;
  }
  out.envelope = {{"action", parsed.row->name}};
  nlohmann::json params = stepper::command_to_params(parsed);
  if (!params.empty()) out.envelope["params"] = std::move(params);
  return out;
}

std::vector<std::string> format_response(const nlohmann::json& response) {
  std::vector<std::string> lines =
      response.is_object() ? format_fields(response) : std::vector{"[?] " + response.dump()};
  // The device's text goes to the user's terminal: no control character of it may drive that.
  for (std::string& line : lines) line = core::printable(line);
  return lines;
}

bool completes(const nlohmann::json& response) {
  const std::string status = text_field(response, "status");
  if (status != "ack") return true;
  const std::string action = text_field(response, "action");
  return action == "STATUS" || action == "NET:LIST";
}

std::string format_console_line(std::string_view line) {
  static const std::pair<const char*, const char*> kTags[] = {
      {"CTRL:ACK ", "[ACK] "},   {"CTRL:DONE ", "[DONE] "}, {"CTRL:ERR ", "[ERR] "},
      {"CTRL:WARN ", "[WARN] "}, {"CTRL:INFO ", "[INFO] "}, {"CTRL:ACK", "[ACK]"}};
  for (const auto& [prefix, tag] : kTags) {
    const std::string_view p(prefix);
    if (line.substr(0, p.size()) == p) return tag + core::printable(line.substr(p.size()));
  }
  return core::printable(line);
}

}  // namespace hil::ctl
