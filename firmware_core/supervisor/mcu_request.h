// Reads one UART line as a request of the Pi: a JSON object with a `cmd`. What is not a request is
// classified (the MCU ignores it and counts why) rather than refused: the spec ignores such lines.
#pragma once

#include <string>
#include <string_view>

#include "firmware_core/supervisor/mcu_values.h"

namespace hil::supervisor {

enum class PiLineKind {
  kRequest,    // an object with a `cmd` key (whatever its value)
  kEmpty,      // nothing but whitespace
  kNotJson,    // not JSON at all (boot noise, garbage, a line cut by an unplug)
  kNotObject,  // JSON, but an array, string or number
  kNoCmd,      // an object without `cmd` (e.g. an echo of an event)
};

struct McuRequest {
  PiLineKind kind = PiLineKind::kNotJson;
  McuJson id;  // the request's id as given, any JSON type; null when absent
  bool has_id = false;
  std::string cmd;  // the command name; empty when `cmd` is not a string
  bool cmd_is_string = false;
};

// Never fails: unknown keys are ignored, and the kind says what the line was.
McuRequest parse_request(std::string_view line);

}  // namespace hil::supervisor
