// The stepper node's command table: names, shortcuts, transports and the HELP text.
#include "firmware_core/common/text.h"
#include "firmware_core/stepper/command.h"

namespace hil::core {
namespace {

const ActionInfo kActions[] = {
    {Action::kMove, "MOVE", "M", "MOVE", true, true},
    {Action::kHome, "HOME", "H", "HOME", true, true},
    {Action::kWake, "WAKE", nullptr, "WAKE", true, true},
    {Action::kSleep, "SLEEP", nullptr, "SLEEP", true, true},
    {Action::kStatus, "STATUS", "ST", "STATUS", false, false},
    {Action::kGet, "GET", nullptr, "GET", true, false},
    {Action::kSet, "SET", nullptr, "SET", true, false},
    {Action::kNetStatus, "NET:STATUS", nullptr, "NET", true, false},
    {Action::kNetReset, "NET:RESET", nullptr, "NET", true, false},
    {Action::kNetList, "NET:LIST", nullptr, "NET", true, false},
    {Action::kNetSet, "NET:SET", nullptr, "NET", true, false},
    {Action::kMqttGetConfig, "MQTT:GET_CONFIG", nullptr, "MQTT", true, false},
    {Action::kMqttSetConfig, "MQTT:SET_CONFIG", nullptr, "MQTT", true, false},
    {Action::kHelp, "HELP", nullptr, "HELP", true, false},
};

}  // namespace

const ActionInfo& info(Action action) {
  for (const auto& row : kActions) {
    if (row.action == action) return row;
  }
  return kActions[0];
}

const ActionInfo* find_action(std::string_view name) {
  for (const auto& row : kActions) {
    if (iequals(name, row.name) || (row.shortcut != nullptr && iequals(name, row.shortcut))) return &row;
  }
  return nullptr;
}

const std::vector<std::string>& help_lines() {
  static const std::vector<std::string> kLines = {
      "HELP",
      "MOVE:<id|ALL>,<abs_steps>",
      "HOME:<id|ALL>[,<overshoot>][,<backoff>][,<full_range>]",
      "NET:RESET",
      "NET:STATUS",
      "NET:SET,\"<ssid>\",\"<pass>\" (quote to allow commas/spaces; escape \\\" and \\\\)",
      "NET:LIST (scan nearby SSIDs; AP mode only)",
      "MQTT:GET_CONFIG",
      "MQTT:SET_CONFIG host=<host> port=<port> user=<user> pass=\"<pass>\"",
      "MQTT:SET_CONFIG RESET",
      "STATUS",
      "GET",
      "GET ALL",
      "GET LAST_OP_TIMING[:<id|ALL>]",
      "GET SPEED",
      "GET ACCEL",
      "GET DECEL",
      "GET THERMAL_LIMITING",
      "SET THERMAL_LIMITING=OFF|ON",
      "SET SPEED=<steps_per_second>",
      "SET ACCEL=<steps_per_second^2>",
      "SET DECEL=<steps_per_second^2>",
      "WAKE:<id|ALL>",
      "SLEEP:<id|ALL>",
      "Shortcuts: M=MOVE, H=HOME, ST=STATUS",
      "Multicommand: <cmd1>;<cmd2> note: no cmd queuing; only distinct motors allowed",
  };
  return kLines;
}

const char* error_name(const std::string& code) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"E01", "BAD_CMD"},          {"E02", "BAD_ID"},
      {"E03", "BAD_PARAM"},        {"E04", "BUSY"},
      {"E07", "POS_OUT_OF_RANGE"}, {"E10", "THERMAL_REQ_GT_MAX"},
      {"E11", "THERMAL_NO_BUDGET"}, {"E12", "THERMAL_NO_BUDGET_WAKE"},
  };
  for (const auto& [c, name] : kNames) {
    if (code == c) return name;
  }
  return "";
}

}  // namespace hil::core
