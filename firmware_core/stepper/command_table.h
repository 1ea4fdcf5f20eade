// The stepper node's commands, one row each: name, shortcut, argument syntax, flags, handler, HELP.
// The console parser, the MQTT params, the host CLI's mapping, HELP and the Python dictionary are
// all read from these rows; a new command is a row and its handler.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware_core/stepper/command.h"
#include "firmware_core/stepper/reply.h"

namespace hil::stepper {

class ReplyChannel;
struct NodeParts;

// One command on its way to a handler, and where its replies go.
struct Request {
  const Command& command;
  ReplyChannel& channel;
  const CommandRef& ref;
};

struct Outcome {
  bool failed = false;
  std::optional<std::int64_t> est_ms;  // for a batch's summary ACK
};

using Handler = Outcome (*)(NodeParts& node, const Request& request);

// How a command's arguments are written on the console and named in MQTT params.
enum class Syntax {
  kBare,          // nothing may follow: `NET:STATUS`; no params
  kIgnoresArgs,   // whatever follows is ignored: `STATUS extra`
  kMotors,        // `WAKE:<id|ALL>[,<number>..]`; params target_ids and the numbers by name
  kResource,      // `GET [<resource>[:<id|ALL>]]`; params resource, target_ids
  kSettings,      // `SET KEY=VALUE ..`; params by the setting's name (setting_keys())
  kCredentials,   // `NET:SET,"<ssid>","<pass>"`; params ssid, pass
  kBrokerFields,  // `MQTT:SET_CONFIG key=value ..|RESET`; params the fields, reset
};

// A number after the motor ids: its console place is its place in the row's list.
struct NumberArg {
  const char* name;   // MQTT param: "position_steps"
  const char* alias;  // a second accepted MQTT name, or nullptr
  std::optional<std::int64_t> Command::*slot;
  bool required;
};

enum CommandFlag : unsigned {
  kMotion = 1U << 0,            // drives motors: one command per motor in a batch
  kOverMqtt = 1U << 1,          // accepted on devices/<id>/cmd
  kEndsBatchOnError = 1U << 2,  // a failure stops the rest of a `;` batch
};

struct CommandRow {
  const char* name;            // canonical, as MQTT names it: "MOVE", "NET:STATUS"
  const char* shortcut;        // console shortcut, or nullptr
  const char* console_action;  // the action= of console DONE lines ("NET" for every NET command)
  Syntax syntax;
  std::vector<NumberArg> numbers;  // kMotors: the numbers after the ids, in console order
  unsigned flags;
  ErrorCode param_error;  // what a malformed argument is reported as
  Handler handler;
  std::vector<const char*> help;  // its HELP lines, verbatim

  bool has(CommandFlag flag) const { return (flags & flag) != 0; }
};

// In HELP's order.
const std::vector<CommandRow>& command_table();
// By name or shortcut, case-insensitively; nullptr if none.
const CommandRow* find_command(std::string_view name);

// A SET key: its console name, its MQTT names, and whether its value is a number.
struct SettingKey {
  const char* key;    // "SPEED"
  const char* name;   // MQTT: "speed_sps"
  const char* alias;  // or nullptr
  bool number;
};
const std::vector<SettingKey>& setting_keys();

// The HELP text: every row's lines, the shortcuts, the batch rule.
std::vector<std::string> help_lines();
// Every command as data (name, shortcut, transports, params, help), for Python and the docs.
nlohmann::json command_dictionary();

}  // namespace hil::stepper
