// The plain values other devices publish to the bridge: a room sensor's temperature, Zigbee2MQTT's
// availability of a blaster, Home Assistant's status.
#pragma once

#include <optional>
#include <string_view>

#include "firmware_core/ir/climate_result.h"

namespace hil::hvac {

using ir::Checked;
using ir::CheckError;

// Readings outside this range are refused as sensor faults.
inline constexpr double kMinRoomCelsius = -50.0;
inline constexpr double kMaxRoomCelsius = 100.0;

// A room temperature: a bare number ("22.5"), or a JSON object holding a number under `key`
// ({"temperature": 22.5, "humidity": 40}). An object without the key is no reading (nullopt):
// Zigbee2MQTT sends such updates, and they are not errors. Anything else is refused with why.
Checked<std::optional<double>> parse_room_temperature(std::string_view payload,
                                                      std::string_view key);

enum class Availability { kOnline, kOffline };

// Zigbee2MQTT's availability payload: {"state":"online"} / {"state":"offline"} (current), or the
// plain "online" / "offline" of its legacy mode.
Checked<Availability> parse_availability(std::string_view payload);

// HA's birth message on <prefix>/status: "online".
bool is_online_announcement(std::string_view payload);

}  // namespace hil::hvac
