// The stepper node's command table and what is derived from it that is not a parser: HELP and the
// dictionary.
#include "firmware_core/stepper/command_table.h"

#include "firmware_core/common/text.h"
#include "firmware_core/stepper/mqtt_envelope.h"
#include "firmware_core/stepper/node_parts.h"

namespace hil::stepper {
namespace {

constexpr unsigned kMotionOverMqtt = kMotion | kOverMqtt;

const NumberArg kSpeed{"speed_sps", "speed", &Command::speed_sps, false};
const NumberArg kAccel{"accel_sps2", "accel", &Command::accel_sps2, false};

}  // namespace

const std::vector<CommandRow>& command_table() {
  static const std::vector<CommandRow> kRows = {
      {"HELP",
       nullptr,
       "HELP",
       Syntax::kBare,
       {},
       kOverMqtt,
       ErrorCode::kBadParam,
       [](NodeParts& node, const Request& r) { return node.queries.help(r); },
       {"HELP"}},
      {"MOVE",
       "M",
       "MOVE",
       Syntax::kMotors,
       {{"position_steps", nullptr, &Command::target_steps, true}, kSpeed, kAccel},
       kMotionOverMqtt | kEndsBatchOnError,
       ErrorCode::kBadParam,
       [](NodeParts& node, const Request& r) { return node.motors.move(r); },
       {"MOVE:<id|ALL>,<abs_steps>"}},
      {"HOME",
       "H",
       "HOME",
       Syntax::kMotors,
       {{"overshoot_steps", nullptr, &Command::overshoot_steps, false},
        {"backoff_steps", nullptr, &Command::backoff_steps, false},
        kSpeed,
        kAccel,
        {"full_range_steps", nullptr, &Command::full_range_steps, false}},
       kMotionOverMqtt | kEndsBatchOnError,
       ErrorCode::kBadParam,
       [](NodeParts& node, const Request& r) { return node.motors.home(r); },
       {"HOME:<id|ALL>[,<overshoot>][,<backoff>][,<full_range>]"}},
      {"NET:RESET",
       nullptr,
       "NET",
       Syntax::kBare,
       {},
       kOverMqtt,
       ErrorCode::kBadParam,
       [](NodeParts& node, const Request& r) { return node.network.net_reset(r); },
       {"NET:RESET"}},
      {"NET:STATUS",
       nullptr,
       "NET",
       Syntax::kBare,
       {},
       kOverMqtt,
       ErrorCode::kBadParam,
       [](NodeParts& node, const Request& r) { return node.network.net_status(r); },
       {"NET:STATUS"}},
      {"NET:SET",
       nullptr,
       "NET",
       Syntax::kCredentials,
       {},
       kOverMqtt,
       ErrorCode::kNetBadParam,
       [](NodeParts& node, const Request& r) { return node.network.net_set(r); },
       {R"(NET:SET,"<ssid>","<pass>" (quote to allow commas/spaces; escape \" and \\))"}},
      {"NET:LIST",
       nullptr,
       "NET",
       Syntax::kBare,
       {},
       kOverMqtt,
       ErrorCode::kBadParam,
       [](NodeParts& node, const Request& r) { return node.network.net_list(r); },
       {"NET:LIST (scan nearby SSIDs; AP mode only)"}},
      {"MQTT:GET_CONFIG",
       nullptr,
       "MQTT",
       Syntax::kBare,
       {},
       kOverMqtt,
       ErrorCode::kBadParam,
       [](NodeParts& node, const Request& r) { return node.network.mqtt_get_config(r); },
       {"MQTT:GET_CONFIG"}},
      {"MQTT:SET_CONFIG",
       nullptr,
       "MQTT",
       Syntax::kBrokerFields,
       {},
       kOverMqtt,
       ErrorCode::kMqttBadParam,
       [](NodeParts& node, const Request& r) { return node.network.mqtt_set_config(r); },
       {"MQTT:SET_CONFIG host=<host> port=<port> user=<user> pass=\"<pass>\"",
        "MQTT:SET_CONFIG RESET"}},
      {"STATUS",
       "ST",
       "STATUS",
       Syntax::kIgnoresArgs,
       {},
       0,
       ErrorCode::kBadParam,
       [](NodeParts& node, const Request& r) { return node.queries.status(r); },
       {"STATUS"}},
      {"GET",
       nullptr,
       "GET",
       Syntax::kResource,
       {},
       kOverMqtt,
       ErrorCode::kBadParam,
       [](NodeParts& node, const Request& r) { return node.queries.get(r); },
       {"GET", "GET ALL", "GET LAST_OP_TIMING[:<id|ALL>]", "GET SPEED", "GET ACCEL", "GET DECEL",
        "GET THERMAL_LIMITING"}},
      {"SET",
       nullptr,
       "SET",
       Syntax::kSettings,
       {},
       kOverMqtt,
       ErrorCode::kBadParam,
       [](NodeParts& node, const Request& r) { return node.queries.set(r); },
       {"SET THERMAL_LIMITING=OFF|ON", "SET SPEED=<steps_per_second>",
        "SET ACCEL=<steps_per_second^2>", "SET DECEL=<steps_per_second^2>"}},
      {"WAKE",
       nullptr,
       "WAKE",
       Syntax::kMotors,
       {},
       kMotionOverMqtt,
       ErrorCode::kBadParam,
       [](NodeParts& node, const Request& r) { return node.motors.wake(r); },
       {"WAKE:<id|ALL>"}},
      {"SLEEP",
       nullptr,
       "SLEEP",
       Syntax::kMotors,
       {},
       kMotionOverMqtt,
       ErrorCode::kBadParam,
       [](NodeParts& node, const Request& r) { return node.motors.sleep(r); },
       {"SLEEP:<id|ALL>"}},
  };
  return kRows;
}

const CommandRow* find_command(std::string_view name) {
  for (const auto& row : command_table()) {
    if (core::iequals(name, row.name) ||
        (row.shortcut != nullptr && core::iequals(name, row.shortcut)))
      return &row;
  }
  return nullptr;
}

const std::vector<SettingKey>& setting_keys() {
  static const std::vector<SettingKey> kKeys = {
      {"SPEED", "speed_sps", "speed", true},
      {"ACCEL", "accel_sps2", "accel", true},
      {"DECEL", "decel_sps2", "decel", true},
      {"THERMAL_LIMITING", "thermal_limiting", nullptr, false},
      {"MICROSTEP", "MICROSTEP", nullptr, false},  // the schema names it so over MQTT too
  };
  return kKeys;
}

std::vector<std::string> help_lines() {
  std::vector<std::string> lines;
  std::string shortcuts;
  for (const auto& row : command_table()) {
    lines.insert(lines.end(), row.help.begin(), row.help.end());
    if (row.shortcut == nullptr) continue;
    shortcuts += std::string(shortcuts.empty() ? "" : ", ") + row.shortcut + "=" + row.name;
  }
  lines.push_back("Shortcuts: " + shortcuts);
  lines.emplace_back(
      "Multicommand: <cmd1>;<cmd2> note: no cmd queuing; only distinct motors allowed");
  return lines;
}

nlohmann::json command_dictionary() {
  static const char* const kSyntaxNames[] = {"bare",     "ignores_args", "motors",       "resource",
                                             "settings", "credentials",  "broker_fields"};
  nlohmann::json out = nlohmann::json::array();
  for (const auto& row : command_table()) {
    out.push_back({{"name", row.name},
                   {"shortcut", row.shortcut != nullptr ? nlohmann::json(row.shortcut)
                                                        : nlohmann::json(nullptr)},
                   {"console_action", row.console_action},
                   {"syntax", kSyntaxNames[static_cast<int>(row.syntax)]},
                   {"over_mqtt", row.has(kOverMqtt)},
                   {"motion", row.has(kMotion)},
                   {"ends_batch_on_error", row.has(kEndsBatchOnError)},
                   {"params", describe_params(row)},
                   {"help", row.help}});
  }
  return out;
}

}  // namespace hil::stepper
