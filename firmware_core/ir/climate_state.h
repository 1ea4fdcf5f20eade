// One vocabulary for air-conditioner state, in Home Assistant's climate terms, for every protocol.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "firmware_core/ir/climate_result.h"

namespace hil::ir {

// HA's hvac modes without "off": off is ClimateState::power, so a unit turned back on keeps its
// mode.
enum class Mode : std::uint8_t { kAuto, kCool, kHeat, kDry, kFanOnly };
enum class FanSpeed : std::uint8_t { kAuto, kQuiet, k1, k2, k3, k4, k5 };
enum class Swing : std::uint8_t { kOff, kVertical, kHorizontal, kBoth };

inline constexpr std::array<Mode, 5> kAllModes = {Mode::kAuto, Mode::kCool, Mode::kHeat, Mode::kDry,
                                                  Mode::kFanOnly};
inline constexpr std::array<FanSpeed, 7> kAllFanSpeeds = {
    FanSpeed::kAuto, FanSpeed::kQuiet, FanSpeed::k1, FanSpeed::k2,
    FanSpeed::k3,    FanSpeed::k4,     FanSpeed::k5};
inline constexpr std::array<Swing, 4> kAllSwings = {Swing::kOff, Swing::kVertical,
                                                    Swing::kHorizontal, Swing::kBoth};

struct ClimateState {
  bool power = false;
  Mode mode = Mode::kCool;
  double target_c = 24.0;  // degrees Celsius; whole or half degrees, as the protocol allows
  FanSpeed fan = FanSpeed::kAuto;
  Swing swing = Swing::kOff;
};

bool operator==(const ClimateState& a, const ClimateState& b);
inline bool operator!=(const ClimateState& a, const ClimateState& b) { return !(a == b); }

// Names exactly as HA's MQTT climate entity sends them: auto, cool, heat, dry, fan_only.
std::string_view to_string(Mode mode);
Checked<Mode> parse_mode(std::string_view name);
// auto, quiet, 1 .. 5
std::string_view to_string(FanSpeed fan);
Checked<FanSpeed> parse_fan_speed(std::string_view name);
// off, vertical, horizontal, both
std::string_view to_string(Swing swing);
Checked<Swing> parse_swing(std::string_view name);

// HA's hvac mode: "off" when the power is off, else the mode's name.
std::string_view hvac_mode(const ClimateState& state);
// Applies an HA hvac mode: "off" powers off and keeps the mode; any mode powers on.
Checked<ClimateState> with_hvac_mode(ClimateState state, std::string_view name);

// The fan's numbered speed, 1 .. 5; nullopt for auto and quiet.
std::optional<int> fan_level(FanSpeed fan);
// Speed 1 .. 5 as a FanSpeed; nullopt outside that range.
std::optional<FanSpeed> fan_speed_for_level(int level);

bool swings_vertically(Swing swing);
bool swings_horizontally(Swing swing);
Swing swing_from(bool vertical, bool horizontal);

// The set points a protocol can carry: min_c .. max_c in steps of step_c from min_c.
struct TemperatureRange {
  double min_c;
  double max_c;
  double step_c;
};

// The temperature itself, or why the range cannot carry it ("temperature 33 C is out of
// range 10..32 C").
Checked<double> check_temperature(double target_c, const TemperatureRange& range);
// The state itself, or the first thing wrong with it (an enum out of range, or the temperature).
Checked<ClimateState> validated(const ClimateState& state, const TemperatureRange& range);

// Degrees in the shortest exact form: "21", "21.5".
std::string format_celsius(double celsius);
// "power on, mode cool, 21 C, fan auto, swing off": for logs, test failures and error messages.
std::string to_string(const ClimateState& state);

}  // namespace hil::ir
