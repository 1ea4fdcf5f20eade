// Sorting MCU lines by shape: reply, event, bare status, or one to ignore.
#include "firmware_core/supervisor/host_line.h"

#include <utility>

#include "firmware_core/supervisor/host_state.h"

namespace hil::supervisor {
namespace {

McuLine ignored(McuLineKind kind, std::string why) {
  McuLine out;
  out.kind = kind;
  out.why = std::move(why);
  return out;
}

}  // namespace

McuLine classify_mcu_line(std::string_view line) {
  nlohmann::json doc = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
  if (doc.is_discarded()) return ignored(McuLineKind::kNotJson, "not JSON");
  if (!doc.is_object()) return ignored(McuLineKind::kNotJson, "not a JSON object");
  McuLine out;
  if (const auto id = doc.find("id"); id != doc.end()) {
    if (!id->is_string()) return ignored(McuLineKind::kUnknown, "its id is not a string");
    out.kind = McuLineKind::kReply;
    out.id = id->get<std::string>();
  } else if (const auto event = doc.find("event"); event != doc.end()) {
    if (!event->is_string()) return ignored(McuLineKind::kUnknown, "its event is not a string");
    out.kind = McuLineKind::kEvent;
    out.event = event->get<std::string>();
  } else if (has_state_fields(doc)) {
    out.kind = McuLineKind::kBareStatus;
  } else {
    return ignored(McuLineKind::kUnknown, "no id, event or status field");
  }
  out.body = std::move(doc);
  return out;
}

}  // namespace hil::supervisor
