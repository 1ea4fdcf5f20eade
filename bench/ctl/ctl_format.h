// The host CLI's view of a node: console syntax mapped to MQTT envelopes, and the [ACK]/[DONE]/
// [ERR]/[WARN] lines printed for responses from either transport.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hil::ctl {

struct OutgoingCommand {
  nlohmann::json envelope;  // {"action":..,"params":..}: never a cmd_id, the node allocates it
  std::string local_error;  // non-empty: not sent, this is why
};

// One console-syntax command (no ';') as the JSON envelope a node accepts.
OutgoingCommand map_console_command(std::string_view text);

// The lines to print for one MQTT response payload (warnings first), whatever its shape, with
// control characters escaped.
std::vector<std::string> format_response(const nlohmann::json& response);

// True once a response ends its command: done or error, or the ACK of STATUS and NET:LIST,
// which stream their data in the ACK and send no DONE.
bool completes(const nlohmann::json& response);

// A console line as the CLI prints it: CTRL:ACK -> [ACK] and so on, control characters escaped.
std::string format_console_line(std::string_view line);

}  // namespace hil::ctl
