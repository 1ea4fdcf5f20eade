// Motor masks (without compiler builtins) and a parsed command's name.
#include "firmware_core/stepper/command.h"

#include "firmware_core/stepper/command_table.h"

namespace hil::stepper {

int first_motor(MotorMask mask) {
  for (int id = 0; id < kMotorCount; ++id) {
    if (mask & (1U << id)) return id;
  }
  return 0;
}

bool single_motor(MotorMask mask) { return mask != 0 && (mask & (mask - 1)) == 0; }

std::string ParsedCommand::name() const { return row != nullptr ? row->name : std::string(); }

}  // namespace hil::stepper
