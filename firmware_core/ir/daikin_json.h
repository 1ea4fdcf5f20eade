// Daikin settings as JSON in Home Assistant's climate vocabulary: one shape for `hilbench ir`, the
// simulated blaster's emitted reports and Python, so each can be fed what another printed.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "firmware_core/ir/daikin_settings.h"

namespace hil::ir {

// {"power","mode","hvac_mode","temperature","fan_mode","swing_mode", and the extras: "powerful",
// "quiet","econo","mold","sensor","comfort"}; hvac_mode is "off" when the power is off.
nlohmann::json daikin_settings_json(const DaikinSettings& settings);
// "daikin" or "daikin312": the protocol as JSON reports and CLI flags name it.
const char* protocol_json_name(DaikinProtocol protocol);
// Whole degrees as integers (21), half degrees as numbers (21.5): what a climate entity shows.
nlohmann::json celsius_json(double celsius);
// Lower-case hex, two digits a byte ("11da27...").
std::string hex_string(const std::vector<std::uint8_t>& bytes);

}  // namespace hil::ir
