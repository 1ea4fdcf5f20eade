// The stepper node's commands as parsed values, whichever transport they came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "firmware_core/stepper/problem.h"

namespace hil::stepper {

constexpr int kMotorCount = 8;
using MotorMask = std::uint8_t;
constexpr MotorMask kAllMotors = 0xFF;

// A command's arguments; which of them a command takes is said by its row (command_table.h).
struct Command {
  MotorMask motors = 0;
  std::optional<std::int64_t> target_steps;
  std::optional<std::int64_t> speed_sps;
  std::optional<std::int64_t> accel_sps2;
  std::optional<std::int64_t> overshoot_steps;
  std::optional<std::int64_t> backoff_steps;
  std::optional<std::int64_t> full_range_steps;
  std::string resource;                                          // GET, upper case
  std::optional<MotorMask> timing_motors;                        // GET LAST_OP_TIMING[:id|ALL]
  std::vector<std::pair<std::string, std::string>> assignments;  // SET and MQTT:SET_CONFIG
  bool reset = false;                                            // MQTT:SET_CONFIG RESET
  std::string ssid;
  std::string pass;
};

struct CommandRow;

// A parse result: a command, or the problem that stopped it (with its row if the name was known).
struct ParsedCommand {
  const CommandRow* row = nullptr;
  Command command;
  std::optional<Problem> problem;

  // The row's name ("MOVE", "NET:STATUS"), or empty for an unknown command.
  std::string name() const;
};

// The one motor of a single-motor mask (the lowest one of any other).
int first_motor(MotorMask mask);
bool single_motor(MotorMask mask);

}  // namespace hil::stepper
