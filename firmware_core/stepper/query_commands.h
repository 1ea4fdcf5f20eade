// The node's queries and motion settings: STATUS, GET, SET, HELP.
#pragma once

#include <cstdint>
#include <vector>

#include "firmware_core/stepper/command_table.h"
#include "firmware_core/stepper/motor_bank.h"
#include "firmware_core/stepper/settings.h"
#include "firmware_core/stepper/telemetry.h"

namespace hil::stepper {

class QueryCommands {
 public:
  QueryCommands(MotorBank& motors, MotionSettings& motion, SettingsStore& store,
                Telemetry& telemetry, std::uint32_t free_heap_bytes)
      : motors_(motors),
        motion_(motion),
        store_(store),
        telemetry_(telemetry),
        free_heap_bytes_(free_heap_bytes) {}

  Outcome status(const Request& request);
  Outcome get(const Request& request);
  Outcome set(const Request& request);
  Outcome help(const Request& request);

 private:
  std::vector<Field> timing_fields(int id) const;

  MotorBank& motors_;
  MotionSettings& motion_;
  SettingsStore& store_;
  Telemetry& telemetry_;
  std::uint32_t free_heap_bytes_;
};

}  // namespace hil::stepper
