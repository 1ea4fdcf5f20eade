// The MQTT JSON envelope ({cmd_id, action, params, meta}) to and from Commands.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "firmware_core/stepper/command.h"

namespace hil::stepper {

constexpr std::size_t kMaxMqttPayloadBytes = 4096;

struct Envelope {
  std::optional<std::string> cmd_id;       // as sent, if it was a usable string
  std::string action_name;                 // upper-cased as sent ("UNKNOWN" if unreadable)
  std::optional<Problem> payload_problem;  // MQTT_BAD_PAYLOAD: nothing else is trustworthy
  ParsedCommand parsed;                    // the command, or why its params were refused
};

Envelope parse_envelope(std::string_view payload);

// The params object a host tool publishes for a command parsed from console syntax.
nlohmann::json command_to_params(const ParsedCommand& parsed);
// The params a command takes: name, type, whether required, other accepted names.
nlohmann::json describe_params(const CommandRow& row);

}  // namespace hil::stepper
