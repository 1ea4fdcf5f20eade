// The control lines of `hilbench fleet` (JSON, one a line on its stdin), each answered with one
// JSON line:
//   {"cut": 10, "for_ms": 5000}   10 % of the devices lose their connection for 5 s (the broker
//                                  publishes their wills), then dial again
//   {"power_cycle": 5}            5 % are powered off and on (flash kept)
//   {"reconnect_storm": true}     every device loses its connection and dials again at once
//   {"report": true}              the counters now
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "bench/fleet/fleet.h"

namespace hil::bench {

// Applies one control line; the answer says what was done ({"ok": true, ...}) or why not
// ({"ok": false, "error": ...}).
nlohmann::json apply_control(Fleet& fleet, std::string_view line);

}  // namespace hil::bench
