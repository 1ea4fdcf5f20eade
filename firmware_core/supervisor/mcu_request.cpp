// Reads one UART line as a request of the Pi.
#include "firmware_core/supervisor/mcu_request.h"

namespace hil::supervisor {
namespace {

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\f\v") == std::string_view::npos;
}

}  // namespace

McuRequest parse_request(std::string_view line) {
  McuRequest request;
  if (blank(line)) {
    request.kind = PiLineKind::kEmpty;
    return request;
  }
  // No exceptions on the device: a parse failure comes back as a discarded value.
  McuJson doc = McuJson::parse(line, nullptr, false);
  if (doc.is_discarded()) {
    request.kind = PiLineKind::kNotJson;
    return request;
  }
  if (!doc.is_object()) {
    request.kind = PiLineKind::kNotObject;
    return request;
  }
  const auto cmd = doc.find("cmd");
  if (cmd == doc.end()) {
    request.kind = PiLineKind::kNoCmd;
    return request;
  }
  request.kind = PiLineKind::kRequest;
  if (cmd->is_string()) {
    request.cmd = cmd->get<std::string>();
    request.cmd_is_string = true;
  }
  const auto id = doc.find("id");
  if (id != doc.end()) {
    request.id = std::move(*id);
    request.has_id = true;
  }
  return request;
}

}  // namespace hil::supervisor
