// A room conditioned by one air-conditioner: first-order temperature and humidity, stepped in fixed
// slices so the same inputs give the same trace.
//
// The unit acts when it is powered and its mode can move the room toward the set point:
//   cool     only while the room is above the target,
//   heat     only while the room is below it,
//   auto     both ways,
//   dry      always, a small constant pull down on top of the drift (it ignores the target),
//   fan_only never (the room drifts).
// An acting unit (cool, heat, auto) moves the room toward the target at its capacity (scaled by the
// fan speed), slowing to an exponential approach near the target so it never overshoots. When the
// unit does not act, the room drifts toward the outside temperature.
#pragma once

#include <chrono>
#include <optional>

#include "firmware_core/ir/climate_state.h"
#include "firmware_core/ir/daikin_settings.h"

namespace hil::sim {

struct RoomModelConstants {
  // Cooling and heating capacity at fan speed 3 / auto, in degrees per minute.
  double capacity_c_per_min = 0.5;
  // Near the target the unit approaches it exponentially with this time constant: the linear pull
  // hands over to it at capacity * approach = 1.5 C from the target.
  double approach_min = 3.0;
  // The room drifts toward the outside temperature with this time constant while the unit idles.
  double drift_min = 20.0;
  // Dry mode: this pull down on top of the drift (settles 2 C below outside with a 20 min drift).
  double dry_c_per_min = 0.1;
  // "powerful" multiplies the capacity by this.
  double powerful_factor = 1.5;
  // Relative humidity targets (%) and their time constant.
  double humidity_idle_pct = 55.0;
  double humidity_cooling_pct = 45.0;
  double humidity_drying_pct = 40.0;
  double humidity_tau_min = 10.0;
  // Integration slice: advance() cuts longer spans into slices of this length.
  std::chrono::microseconds slice{std::chrono::seconds(1)};
};

// Capacity multiplier of a fan speed: quiet 0.5, 1 0.6, 2 0.8, 3 1.0, 4 1.2, 5 1.4, auto 1.0.
double fan_capacity_factor(ir::FanSpeed fan);

// What the unit is doing to the room right now, in Home Assistant's `action` words.
enum class RoomAction { kOff, kIdle, kCooling, kHeating, kDrying, kFan };
const char* to_string(RoomAction action);

class RoomModel {
 public:
  explicit RoomModel(double room_c, double outside_c, RoomModelConstants constants = {});

  // Moves the model forward by dt (slices of constants.slice, the last one shorter).
  void advance(std::chrono::microseconds dt);

  // The unit's settings from now on (the last frame it received); nullopt: no unit / never told.
  void set_unit(const std::optional<ir::DaikinSettings>& settings) { unit_ = settings; }
  const std::optional<ir::DaikinSettings>& unit() const { return unit_; }

  void set_temperature(double celsius) { temperature_c_ = celsius; }
  void set_outside_temperature(double celsius) { outside_c_ = celsius; }

  double temperature() const { return temperature_c_; }
  double outside_temperature() const { return outside_c_; }
  double humidity() const { return humidity_pct_; }
  RoomAction action() const;
  const RoomModelConstants& constants() const { return constants_; }

 private:
  void step(double dt_min);

  RoomModelConstants constants_;
  double temperature_c_;
  double outside_c_;
  double humidity_pct_;
  std::optional<ir::DaikinSettings> unit_;
};

}  // namespace hil::sim
