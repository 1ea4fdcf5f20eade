// A room conditioned by one air-conditioner: first-order temperature and humidity.
#include "sim/ir/room_model.h"

#include <algorithm>
#include <cmath>

namespace hil::sim {
namespace {

using Minutes = std::chrono::duration<double, std::ratio<60>>;

// The fraction of the way to its goal a first-order quantity covers in dt.
double first_order(double dt_min, double tau_min) { return 1.0 - std::exp(-dt_min / tau_min); }

}  // namespace

double fan_capacity_factor(ir::FanSpeed fan) {
  switch (fan) {
    case ir::FanSpeed::kQuiet:
      return 0.5;
    case ir::FanSpeed::k1:
      return 0.6;
    case ir::FanSpeed::k2:
      return 0.8;
    case ir::FanSpeed::k3:
      return 1.0;
    case ir::FanSpeed::k4:
      return 1.2;
    case ir::FanSpeed::k5:
      return 1.4;
    case ir::FanSpeed::kAuto:
      break;
  }
  return 1.0;
}

const char* to_string(RoomAction action) {
  switch (action) {
    case RoomAction::kOff:
      return "off";
    case RoomAction::kIdle:
      return "idle";
    case RoomAction::kCooling:
      return "cooling";
    case RoomAction::kHeating:
      return "heating";
    case RoomAction::kDrying:
      return "drying";
    case RoomAction::kFan:
      return "fan";
  }
  return "off";
}

RoomModel::RoomModel(double room_c, double outside_c, RoomModelConstants constants)
    : constants_(constants),
      temperature_c_(room_c),
      outside_c_(outside_c),
      humidity_pct_(constants.humidity_idle_pct) {}

RoomAction RoomModel::action() const {
  if (!unit_ || !unit_->climate.power) return RoomAction::kOff;
  const double target = unit_->climate.target_c;
  switch (unit_->climate.mode) {
    case ir::Mode::kCool:
      return temperature_c_ > target ? RoomAction::kCooling : RoomAction::kIdle;
    case ir::Mode::kHeat:
      return temperature_c_ < target ? RoomAction::kHeating : RoomAction::kIdle;
    case ir::Mode::kAuto:
      if (temperature_c_ > target) return RoomAction::kCooling;
      if (temperature_c_ < target) return RoomAction::kHeating;
      return RoomAction::kIdle;
    case ir::Mode::kDry:
      return RoomAction::kDrying;
    case ir::Mode::kFanOnly:
      return RoomAction::kFan;
  }
  return RoomAction::kOff;
}

void RoomModel::advance(std::chrono::microseconds dt) {
  const auto slice = std::max(constants_.slice, std::chrono::microseconds(1));
  while (dt > std::chrono::microseconds(0)) {
    const auto part = std::min(dt, slice);
    step(Minutes(part).count());
    dt -= part;
  }
}

void RoomModel::step(double dt_min) {
  const RoomAction now = action();
  double humidity_goal = constants_.humidity_idle_pct;
  switch (now) {
    case RoomAction::kCooling:
    case RoomAction::kHeating: {
      const double factor = fan_capacity_factor(unit_->climate.fan) *
                            (unit_->powerful ? constants_.powerful_factor : 1.0);
      const double gap = unit_->climate.target_c - temperature_c_;
      const double approach = std::abs(gap) * first_order(dt_min, constants_.approach_min);
      const double move = std::min(constants_.capacity_c_per_min * factor * dt_min, approach);
      temperature_c_ += gap > 0 ? move : -move;
      if (now == RoomAction::kCooling) humidity_goal = constants_.humidity_cooling_pct;
      break;
    }
    case RoomAction::kDrying: {
      // dT/dt = (outside - T) / drift - dry: first order toward outside - dry * drift.
      const double settles_at = outside_c_ - constants_.dry_c_per_min * constants_.drift_min;
      temperature_c_ += (settles_at - temperature_c_) * first_order(dt_min, constants_.drift_min);
      humidity_goal = constants_.humidity_drying_pct;
      break;
    }
    case RoomAction::kOff:
    case RoomAction::kIdle:
    case RoomAction::kFan:
      temperature_c_ += (outside_c_ - temperature_c_) * first_order(dt_min, constants_.drift_min);
      break;
  }
  humidity_pct_ +=
      (humidity_goal - humidity_pct_) * first_order(dt_min, constants_.humidity_tau_min);
}

}  // namespace hil::sim
