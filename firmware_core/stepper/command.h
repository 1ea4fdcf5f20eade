// The stepper node's commands as parsed values, whichever transport they came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "firmware_core/stepper/reply.h"

namespace hil::core {

constexpr int kMotorCount = 8;
using MotorMask = std::uint8_t;
constexpr MotorMask kAllMotors = 0xFF;

enum class Action {
  kMove,
  kHome,
  kWake,
  kSleep,
  kStatus,
  kGet,
  kSet,
  kNetStatus,
  kNetReset,
  kNetList,
  kNetSet,
  kMqttGetConfig,
  kMqttSetConfig,
  kHelp,
};

// One row of the command table.
struct ActionInfo {
  Action action;
  const char* name;           // canonical action, as MQTT names it
  const char* shortcut;       // serial shortcut or nullptr
  const char* serial_action;  // the action= printed in console DONE lines
  bool mqtt_allowed;
  bool motion;  // touches motors: subject to batch conflict rules
};

const ActionInfo& info(Action action);
// Finds an action by name or shortcut, case-insensitively.
const ActionInfo* find_action(std::string_view name);
const std::vector<std::string>& help_lines();

struct Command {
  Action action = Action::kHelp;
  MotorMask motors = 0;
  std::int64_t target_steps = 0;
  std::optional<std::int64_t> speed_sps;
  std::optional<std::int64_t> accel_sps2;
  std::optional<std::int64_t> overshoot_steps;
  std::optional<std::int64_t> backoff_steps;
  std::optional<std::int64_t> full_range_steps;
  std::string resource;                                   // GET, upper case
  std::optional<MotorMask> timing_motors;                 // GET LAST_OP_TIMING[:id|ALL]
  std::vector<std::pair<std::string, std::string>> assignments;  // SET and MQTT:SET_CONFIG
  bool reset = false;                                     // MQTT:SET_CONFIG RESET
  std::string ssid;
  std::string pass;
};

// A parse result: a command, or the problem that stopped it (with the action if known).
struct ParsedCommand {
  std::optional<Action> action;
  Command command;
  std::optional<Problem> problem;
};

}  // namespace hil::core
