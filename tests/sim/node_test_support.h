// Helpers shared by the stepper-node tests: console line parsing, id patterns, a settled rig.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "sim/rigs/virtual_stepper_rig.h"

namespace hil::sim::testing {

using nlohmann::json;

inline const std::regex& uuid4_pattern() {
  static const std::regex kUuid(
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  return kUuid;
}

inline bool is_uuid4(const std::string& text) { return std::regex_match(text, uuid4_pattern()); }

// A console line split on spaces outside double quotes: the head ("CTRL:DONE"), bare words
// ("E11", "THERMAL_NO_BUDGET") and k=v fields (values kept as printed, quotes included).
struct ConsoleLine {
  std::string text;
  std::string head;
  std::vector<std::string> words;
  std::map<std::string, std::string> fields;
  std::vector<std::string> keys;  // in printed order

  bool has(const std::string& key) const { return fields.count(key) != 0; }
  std::string at(const std::string& key) const {
    const auto it = fields.find(key);
    return it == fields.end() ? "<missing " + key + ">" : it->second;
  }
  // The fields other than the command id, for comparing with a schema example as a set.
  std::map<std::string, std::string> fields_without_id() const {
    auto out = fields;
    out.erase("msg_id");
    out.erase("cmd_id");
    return out;
  }
  std::string id() const { return has("msg_id") ? at("msg_id") : at("cmd_id"); }
};

inline ConsoleLine parse_console_line(const std::string& text) {
  ConsoleLine line;
  line.text = text;
  std::vector<std::string> tokens;
  std::string current;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted && c == '\\' && i + 1 < text.size()) {
      current += c;
      current += text[++i];
      continue;
    }
    if (c == '"') quoted = !quoted;
    if (c == ' ' && !quoted) {
      if (!current.empty()) tokens.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) tokens.push_back(current);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto eq = tokens[i].find('=');
    if (i == 0) {
      line.head = tokens[i];
    } else if (eq == std::string::npos) {
      line.words.push_back(tokens[i]);
    } else {
      line.fields[tokens[i].substr(0, eq)] = tokens[i].substr(eq + 1);
      line.keys.push_back(tokens[i].substr(0, eq));
    }
  }
  return line;
}

inline std::vector<ConsoleLine> parse_console_lines(const std::vector<std::string>& lines) {
  std::vector<ConsoleLine> out;
  for (const auto& line : lines) out.push_back(parse_console_line(line));
  return out;
}

inline std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += "  | " + line + "\n";
  return out;
}

// A JSON response without its cmd_id (checked separately), for comparing with a schema example.
inline json without_cmd_id(json response) {
  response.erase("cmd_id");
  return response;
}

inline std::vector<json> parse_all(const std::vector<std::string>& payloads) {
  std::vector<json> out;
  for (const auto& payload : payloads) out.push_back(json::parse(payload));
  return out;
}

// Publishes on one topic leaf ("cmd/resp", "status", "config").
inline std::vector<PublishedMessage> on_topic(const std::vector<PublishedMessage>& messages,
                                              const std::string& node_id, const std::string& leaf) {
  std::vector<PublishedMessage> out;
  const std::string topic = "devices/" + node_id + "/" + leaf;
  for (const auto& message : messages) {
    if (message.topic == topic) out.push_back(message);
  }
  return out;
}

// A booted rig with Wi-Fi joined (1500 ms) and nothing pending on the console or the broker.
inline VirtualStepperRigOptions default_options() { return VirtualStepperRigOptions{}; }

class SettledRig {
 public:
  explicit SettledRig(VirtualStepperRigOptions options = default_options())
      : rig(std::move(options)) {
    boot_lines = rig.advance_ms(2000);
    boot_published = rig.take_published();
  }
  VirtualStepperRig rig;
  std::vector<std::string> boot_lines;
  std::vector<PublishedMessage> boot_published;
};

class NodeTest : public ::testing::Test {
 protected:
  NodeTest() : rig(settled_.rig) {}

  // Sends a console line and expects exactly one line back.
  ConsoleLine one_line(const std::string& command) {
    const auto lines = rig.serial(command);
    EXPECT_EQ(lines.size(), 1u) << command << "\n" << joined(lines);
    return parse_console_line(lines.empty() ? std::string() : lines.front());
  }
  // Sends an MQTT request and expects exactly one response payload back.
  json one_response(const std::string& payload) {
    const auto responses = rig.mqtt(payload);
    EXPECT_EQ(responses.size(), 1u) << payload << "\n" << joined(responses);
    return responses.empty() ? json() : json::parse(responses.front());
  }
  // Power off and on, then let the node boot and join Wi-Fi with nothing left pending.
  void reboot() {
    rig.power_cycle();
    rig.advance_ms(2000);
    rig.take_published();
  }
  std::int32_t position(int id) { return rig.board().motor(id).position(); }
  json motor_status(int id) { return rig.status()["motors"][std::to_string(id)]; }

 private:
  SettledRig settled_;

 protected:
  VirtualStepperRig& rig;
};

}  // namespace hil::sim::testing
