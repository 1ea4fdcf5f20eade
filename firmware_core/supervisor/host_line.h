// Sorts one line from the supervisor MCU into a reply (it has an `id`), an event (it has an
// `event`), a bare status (the status structure with no `event`, which the spec allows) or
// something to count and ignore. Parsing never throws (the core builds without exceptions).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace hil::supervisor {

enum class McuLineKind {
  kReply,       // {"id":"4","ok":true,...}
  kEvent,       // {"event":"switch",...}
  kBareStatus,  // {"battery_pct":78,...} or {"ok":true,"status":{...}} without an id
  kNotJson,     // not a JSON object
  kUnknown,     // a JSON object of no known shape
};

struct McuLine {
  McuLineKind kind = McuLineKind::kUnknown;
  std::string id;       // kReply
  std::string event;    // kEvent
  nlohmann::json body;  // the parsed object (kReply, kEvent, kBareStatus: the fields to merge)
  std::string why;      // kNotJson, kUnknown: what is wrong with it
};

McuLine classify_mcu_line(std::string_view line);

}  // namespace hil::supervisor
