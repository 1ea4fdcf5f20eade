// The console grammar: one command such as `MOVE:0,1200` or `SET SPEED=5000` into a Command.
#pragma once

#include <string_view>

#include "firmware_core/stepper/command_table.h"

namespace hil::stepper {

// Parses one command (a batch is split on ';' by the caller). Syntax problems come back as
// E01 (unknown action), E02 (bad motor id) or E03 (bad or missing parameter).
ParsedCommand parse_serial_command(std::string_view text);

// Parses what follows a command's name and its separator (':', ' ', ',' or '\0' for none) by the
// row's syntax.
ParsedCommand parse_arguments(const CommandRow& row, char separator, std::string_view args);

// Parses a motor target: a number 0..7 or ALL (case-insensitive).
std::optional<MotorMask> parse_motor_target(std::string_view text);

}  // namespace hil::stepper
