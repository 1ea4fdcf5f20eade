// The driver chip's temperature and its over-temperature protection, as stepper drivers have it:
// the chip heats toward ambient plus a fixed rise while its coils are energized, cools toward
// ambient otherwise (first order), cuts its outputs above kShutdownC and restores them below
// kRecoverC. Evaluated in closed form, so it costs nothing between changes.
#pragma once

#include <optional>

#include "firmware_core/ports/scheduler.h"

namespace hil::sim {

class DriverThermal {
 public:
  static constexpr double kDefaultAmbientC = 25.0;
  static constexpr double kRiseEnergizedC =
      100.0;  // at run current: 125 C at 25 C, below the cut-out
  static constexpr double kTimeConstantS = 60.0;
  static constexpr double kShutdownC = 150.0;
  static constexpr double kRecoverC = 130.0;

  double temperature(core::Micros now) const;
  double ambient() const { return ambient_c_; }
  bool shut_down() const { return shut_down_; }

  // Each brings the state up to `now`, then changes what it moves toward.
  void set_energized(core::Micros now, bool energized);
  void set_ambient(core::Micros now, double celsius);

  // When the protection next trips or recovers if nothing changes; nullopt if never.
  std::optional<core::Micros> next_transition(core::Micros now) const;
  // Trips or recovers the protection at `now` (the time next_transition gave).
  void transition(core::Micros now);

 private:
  double equilibrium() const {
    return ambient_c_ + (energized_ && !shut_down_ ? kRiseEnergizedC : 0.0);
  }
  void settle(core::Micros now);

  double ambient_c_ = kDefaultAmbientC;
  double start_c_ = kDefaultAmbientC;  // the temperature at since_
  core::Micros since_{0};
  bool energized_ = false;
  bool shut_down_ = false;
};

}  // namespace hil::sim
