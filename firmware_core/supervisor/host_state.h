// What the Pi knows of the supervisor MCU: telemetry, switches, radio and watchdog merged from
// events and replies (shared/specs/supervisor-mcu-protocol.md), plus the state of the UART link.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace hil::supervisor {

enum class LinkState {
  kClosed,   // the UART is not open
  kSyncing,  // open; get_status and get_switches are in flight
  kUp,       // open, sync over, lines arriving
  kQuiet,    // open, but nothing heard for a while
};
const char* to_string(LinkState state);

// Every field stays unknown (nullopt, or no entry) until the MCU reports it; values are kept
// across link losses, so a UI shows the last known state while the UART is away.
struct SupvState {
  LinkState link = LinkState::kClosed;
  bool synced = false;                      // both replies of the last sync arrived
  std::optional<std::int64_t> battery_pct;  // the MCU may say null: unknown
  std::optional<std::int64_t> pack_mv;
  std::optional<std::int64_t> pack_ma;
  std::optional<double> mcu_temp_c;
  std::optional<std::int64_t> unread_ext;
  std::optional<std::int64_t> last_msg_age_s;
  std::optional<std::int64_t> uptime_s;
  std::map<std::string, bool> switches;  // lte, wifi, bt, bridge_enable, lid_open, ...
  std::optional<std::string> heltec;     // "ok", "fault", "disconnected" as the MCU spells it
  std::optional<std::string> mcu;        // firmware version or health
  std::optional<std::string> watchdog;   // the watchdog event's state
};

// Merges the telemetry fields, `switch`, `heltec` and `mcu` of one JSON object (an event, a
// reply, a bare status) and of its `status` object if it has one into `state`; other keys are
// left alone. A field of the wrong type is
// skipped and its name appended to `skipped` (comma-separated). Returns true if anything changed.
bool merge_fields(SupvState& state, const nlohmann::json& object, std::string& skipped);

// True when the object has at least one field merge_fields() reads (or a `status` object).
bool has_state_fields(const nlohmann::json& object);

// Sets a text field; returns true if it changed.
bool set_text(std::optional<std::string>& field, const std::string& value);

// The state as one JSON object with a fixed key order (the `hilbench supv --json` line); unknown
// values are null.
nlohmann::ordered_json to_json(const SupvState& state);

}  // namespace hil::supervisor
