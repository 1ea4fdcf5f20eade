// The lines the supervisor MCU writes on its UART: events (no id) and the `status` object of
// get_status, shaped as shared/specs/supervisor-mcu-protocol.md and behaviour-notes.md show them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "firmware_core/supervisor/mcu_values.h"

namespace hil::supervisor {

// {"event":"telemetry","battery_pct":78,"pack_mv":11750,...,"uptime_s":12}
std::string telemetry_event(const Telemetry& telemetry);
// {"event":"switch","switch":{"lte":true,"wifi":false,...,"charger_online":true}}
std::string switch_event(const SwitchStates& switches);
// {"event":"heltec","heltec":"ok"}
std::string heltec_event(RadioStatus status);
// {"event":"watchdog","state":"armed","uptime_s":0}
std::string watchdog_event(WatchdogState state, std::int64_t uptime_s);

// get_status's `status`: the telemetry fields, then switch, heltec and the firmware (`mcu`).
McuJson status_object(const Telemetry& telemetry, const SwitchStates& switches, RadioStatus radio,
                      std::string_view firmware);

// One line of JSON; bytes that are not UTF-8 become U+FFFD instead of aborting the device build.
std::string to_line(const McuJson& doc);

}  // namespace hil::supervisor
