// Climate vocabulary: names, HA's hvac mode, range checks.
#include "firmware_core/ir/climate_state.h"

#include <charconv>
#include <cmath>

namespace hil::ir {
namespace {

constexpr std::array<std::string_view, 5> kModeNames = {"auto", "cool", "heat", "dry", "fan_only"};
constexpr std::array<std::string_view, 7> kFanNames = {"auto", "quiet", "1", "2", "3", "4", "5"};
constexpr std::array<std::string_view, 4> kSwingNames = {"off", "vertical", "horizontal", "both"};

template <std::size_t N>
std::string joined(const std::array<std::string_view, N>& names) {
  std::string out;
  for (const auto name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// "\"warm\" is not a valid mode (auto, cool, heat, dry, fan_only)"
template <std::size_t N>
CheckError not_valid(std::string_view name, const char* what,
                     const std::array<std::string_view, N>& names) {
  return CheckError{"\"" + std::string(name) + "\" is not a valid " + what + " (" + joined(names) +
                    ")"};
}

template <typename Enum, std::size_t N>
std::optional<Enum> find(std::string_view name, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

template <std::size_t N>
std::string_view name_of(std::size_t index, const std::array<std::string_view, N>& names) {
  return index < N ? names[index] : std::string_view("?");
}

}  // namespace

bool operator==(const ClimateState& a, const ClimateState& b) {
  return a.power == b.power && a.mode == b.mode && a.target_c == b.target_c && a.fan == b.fan &&
         a.swing == b.swing;
}

std::string_view to_string(Mode mode) {
  return name_of(static_cast<std::size_t>(mode), kModeNames);
}

Checked<Mode> parse_mode(std::string_view name) {
  if (const auto mode = find<Mode>(name, kModeNames)) return *mode;
  return not_valid(name, "mode", kModeNames);
}

std::string_view to_string(FanSpeed fan) {
  return name_of(static_cast<std::size_t>(fan), kFanNames);
}

Checked<FanSpeed> parse_fan_speed(std::string_view name) {
  if (const auto fan = find<FanSpeed>(name, kFanNames)) return *fan;
  return not_valid(name, "fan mode", kFanNames);
}

std::string_view to_string(Swing swing) {
  return name_of(static_cast<std::size_t>(swing), kSwingNames);
}

Checked<Swing> parse_swing(std::string_view name) {
  if (const auto swing = find<Swing>(name, kSwingNames)) return *swing;
  return not_valid(name, "swing mode", kSwingNames);
}

std::string_view hvac_mode(const ClimateState& state) {
  return state.power ? to_string(state.mode) : "off";
}

Checked<ClimateState> with_hvac_mode(ClimateState state, std::string_view name) {
  if (name == "off") {
    state.power = false;
    return state;
  }
  if (const auto mode = find<Mode>(name, kModeNames)) {
    state.power = true;
    state.mode = *mode;
    return state;
  }
  return CheckError{"\"" + std::string(name) + "\" is not a valid hvac mode (off, " +
                    joined(kModeNames) + ")"};
}

std::optional<int> fan_level(FanSpeed fan) {
  const int index = static_cast<int>(fan);
  if (index < static_cast<int>(FanSpeed::k1) || index > static_cast<int>(FanSpeed::k5)) {
    return std::nullopt;
  }
  return index - static_cast<int>(FanSpeed::k1) + 1;
}

std::optional<FanSpeed> fan_speed_for_level(int level) {
  if (level < 1 || level > 5) return std::nullopt;
  return static_cast<FanSpeed>(static_cast<int>(FanSpeed::k1) + level - 1);
}

bool swings_vertically(Swing swing) { return swing == Swing::kVertical || swing == Swing::kBoth; }
bool swings_horizontally(Swing swing) {
  return swing == Swing::kHorizontal || swing == Swing::kBoth;
}

Swing swing_from(bool vertical, bool horizontal) {
  if (vertical) return horizontal ? Swing::kBoth : Swing::kVertical;
  return horizontal ? Swing::kHorizontal : Swing::kOff;
}

std::string format_celsius(double celsius) {
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, celsius);
  if (ec != std::errc()) return "?";
  return std::string(buffer, end);
}

Checked<double> check_temperature(double target_c, const TemperatureRange& range) {
  const std::string shown = "temperature " + format_celsius(target_c) + " C";
  if (!std::isfinite(target_c)) return CheckError{shown + " is not a number"};
  if (target_c < range.min_c || target_c > range.max_c) {
    return CheckError{shown + " is out of range " + format_celsius(range.min_c) + ".." +
                      format_celsius(range.max_c) + " C"};
  }
  // Steps are whole or half degrees, so the quotient of a valid set point is an integer to well
  // within 1e-9.
  const double steps = (target_c - range.min_c) / range.step_c;
  if (std::fabs(steps - std::round(steps)) > 1e-9) {
    return CheckError{shown + " is not a multiple of " + format_celsius(range.step_c) + " C"};
  }
  return target_c;
}

Checked<ClimateState> validated(const ClimateState& state, const TemperatureRange& range) {
  if (static_cast<std::size_t>(state.mode) >= kModeNames.size()) {
    return CheckError{"mode " + std::to_string(static_cast<int>(state.mode)) +
                      " is not a valid mode"};
  }
  if (static_cast<std::size_t>(state.fan) >= kFanNames.size()) {
    return CheckError{"fan mode " + std::to_string(static_cast<int>(state.fan)) +
                      " is not a valid fan mode"};
  }
  if (static_cast<std::size_t>(state.swing) >= kSwingNames.size()) {
    return CheckError{"swing mode " + std::to_string(static_cast<int>(state.swing)) +
                      " is not a valid swing mode"};
  }
  if (const auto temperature = check_temperature(state.target_c, range); !temperature) {
    return CheckError{temperature.error()};
  }
  return state;
}

std::string to_string(const ClimateState& state) {
  std::string out = state.power ? "power on" : "power off";
  out += ", mode ";
  out += to_string(state.mode);
  out += ", " + format_celsius(state.target_c) + " C, fan ";
  out += to_string(state.fan);
  out += ", swing ";
  out += to_string(state.swing);
  return out;
}

}  // namespace hil::ir
