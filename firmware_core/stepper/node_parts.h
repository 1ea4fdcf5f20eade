// The parts of the stepper node that command handlers reach.
#pragma once

#include "firmware_core/stepper/motor_bank.h"
#include "firmware_core/stepper/network_commands.h"
#include "firmware_core/stepper/query_commands.h"

namespace hil::stepper {

struct NodeParts {
  MotorBank& motors;
  QueryCommands& queries;
  NetworkCommands& network;
};

}  // namespace hil::stepper
