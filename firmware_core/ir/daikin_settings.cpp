// Daikin settings and shared codes.
#include "firmware_core/ir/daikin_settings.h"

#include <array>
#include <utility>

namespace hil::ir {
namespace {

// Indexed by Mode and by FanSpeed.
constexpr std::array<std::uint8_t, 5> kModeCodes = {0x0, 0x3, 0x4, 0x2, 0x6};
constexpr std::array<std::uint8_t, 7> kFanCodes = {0xA, 0xB, 0x3, 0x4, 0x5, 0x6, 0x7};

}  // namespace

std::string_view to_string(DaikinProtocol protocol) {
  return protocol == DaikinProtocol::kDaikin312 ? "DAIKIN312" : "DAIKIN";
}

bool operator==(const DaikinSettings& a, const DaikinSettings& b) {
  return a.climate == b.climate && a.powerful == b.powerful && a.quiet == b.quiet &&
         a.econo == b.econo && a.mold == b.mold && a.sensor == b.sensor && a.comfort == b.comfort;
}

std::string to_string(const DaikinSettings& settings) {
  std::string out = to_string(settings.climate);
  const std::pair<bool, const char*> extras[] = {
      {settings.powerful, "powerful"}, {settings.quiet, "quiet"},   {settings.econo, "econo"},
      {settings.mold, "mold"},         {settings.sensor, "sensor"}, {settings.comfort, "comfort"}};
  for (const auto& [on, name] : extras) {
    if (!on) continue;
    out += ", ";
    out += name;
  }
  return out;
}

std::uint8_t daikin_mode_code(Mode mode) {
  const auto index = static_cast<std::size_t>(mode);
  return index < kModeCodes.size() ? kModeCodes[index] : kModeCodes[0];
}

std::optional<Mode> daikin_mode_from_code(std::uint8_t code) {
  for (std::size_t i = 0; i < kModeCodes.size(); ++i) {
    if (kModeCodes[i] == code) return static_cast<Mode>(i);
  }
  return std::nullopt;
}

std::uint8_t daikin_fan_code(FanSpeed fan) {
  const auto index = static_cast<std::size_t>(fan);
  return index < kFanCodes.size() ? kFanCodes[index] : kFanCodes[0];
}

std::optional<FanSpeed> daikin_fan_from_code(std::uint8_t code) {
  for (std::size_t i = 0; i < kFanCodes.size(); ++i) {
    if (kFanCodes[i] == code) return static_cast<FanSpeed>(i);
  }
  return std::nullopt;
}

std::uint8_t daikin_sum(const std::uint8_t* bytes, std::size_t count) {
  unsigned sum = 0;
  for (std::size_t i = 0; i < count; ++i) sum += bytes[i];
  return static_cast<std::uint8_t>(sum & 0xFFU);
}

std::string hex_byte(std::uint8_t value) {
  constexpr char kDigits[] = "0123456789ABCDEF";
  return std::string{'0', 'x', kDigits[value >> 4], kDigits[value & 0xF]};
}

Checked<DaikinSettings> check_daikin_extras(const DaikinSettings& settings) {
  // IRremoteESP8266's IRDaikinESP: setting powerful clears quiet and econo, and either of those
  // clears powerful.
  if (settings.powerful && settings.quiet) {
    return CheckError{"powerful and quiet cannot both be on"};
  }
  if (settings.powerful && settings.econo) {
    return CheckError{"powerful and econo cannot both be on"};
  }
  return settings;
}

}  // namespace hil::ir
