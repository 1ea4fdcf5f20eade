// Daikin settings as JSON.
#include "firmware_core/ir/daikin_json.h"

#include <cmath>

namespace hil::ir {

const char* protocol_json_name(DaikinProtocol protocol) {
  return protocol == DaikinProtocol::kDaikin312 ? "daikin312" : "daikin";
}

nlohmann::json celsius_json(double celsius) {
  if (std::floor(celsius) == celsius) return static_cast<std::int64_t>(celsius);
  return celsius;
}

nlohmann::json daikin_settings_json(const DaikinSettings& settings) {
  const ClimateState& climate = settings.climate;
  return {{"power", climate.power},
          {"mode", std::string(to_string(climate.mode))},
          {"hvac_mode", std::string(hvac_mode(climate))},
          {"temperature", celsius_json(climate.target_c)},
          {"fan_mode", std::string(to_string(climate.fan))},
          {"swing_mode", std::string(to_string(climate.swing))},
          {"powerful", settings.powerful},
          {"quiet", settings.quiet},
          {"econo", settings.econo},
          {"mold", settings.mold},
          {"sensor", settings.sensor},
          {"comfort", settings.comfort}};
}

std::string hex_string(const std::vector<std::uint8_t>& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const std::uint8_t byte : bytes) {
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0xF];
  }
  return out;
}

}  // namespace hil::ir
