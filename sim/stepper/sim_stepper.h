// A simulated stepper motor and driver: position follows the motion profile in scheduler time.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>

#include "firmware_core/ports/scheduler.h"
#include "firmware_core/ports/stepper_driver.h"
#include "sim/stepper/driver_thermal.h"
#include "sim/stepper/motion_profile.h"

namespace hil::sim {

class SimStepper : public core::StepperDriver {
 public:
  explicit SimStepper(core::Scheduler& scheduler) : scheduler_(scheduler) {}
  ~SimStepper() override;

  // The port the firmware sees.
  bool start_move(const core::MoveProfile& profile, std::function<void()> on_stopped) override;
  void stop() override;
  std::int32_t position() const override;
  void set_position(std::int32_t steps) override;
  bool moving() const override { return moving_; }
  void set_enabled(bool enabled) override;
  void set_microstep_multiplier(std::uint32_t multiplier) override { multiplier_ = multiplier; }

  // The test-control side.
  bool enabled() const { return enabled_; }
  std::uint32_t microstep_multiplier() const { return multiplier_; }
  // Driver step pulses emitted so far (commanded steps times the microstep multiplier).
  std::uint64_t pulses() const;

  // Faults of the motor itself, invisible to the firmware: position() is the driver's step count,
  // shaft_position() where the shaft really is, in the same steps. They part when steps are lost.
  std::int32_t shaft_position() const {
    return static_cast<std::int32_t>(shaft_at(position()).position);
  }
  // While stalled, the driver goes on counting but the shaft does not turn.
  void set_stalled(bool stalled);
  bool stalled() const { return stalled_; }
  // The next `steps` steps the driver counts do not turn the shaft (it lags by up to `steps`).
  void miss_steps(std::uint32_t steps);
  // Mechanical stops: the shaft cannot leave [min, max] while the counter goes on (none by
  // default). A shaft outside the new range is pushed to the nearest stop. False if min > max.
  bool set_travel_limits(std::int32_t min, std::int32_t max);
  // The air around the driver: a hot one trips the driver's over-temperature protection, and while
  // it is tripped the shaft does not turn (the counter goes on).
  void set_ambient(double celsius);
  double ambient() const { return thermal_.ambient(); }
  double driver_temperature() const { return thermal_.temperature(scheduler_.now()); }
  bool overheated() const { return thermal_.shut_down(); }

 private:
  struct Shaft {
    std::int64_t position = 0;
    std::uint32_t missed_left = 0;
  };

  void arrive();
  // Where the shaft is once the counter has gone from its last sync to `counter`.
  Shaft shaft_at(std::int32_t counter) const;
  // Brings the shaft up to the counter value `counter` and remembers that value.
  void sync_shaft(std::int32_t counter);
  // Sets a timer for the protection's next trip or recovery, if there is one.
  void watch_thermal();

  core::Scheduler& scheduler_;
  std::int32_t position_ = 0;  // at rest, or where the current move started
  std::int32_t target_ = 0;
  int direction_ = 1;
  bool moving_ = false;
  bool enabled_ = false;
  std::uint32_t multiplier_ = 1;
  std::uint64_t pulses_done_ = 0;
  core::Micros started_{0};
  MotionProfile profile_;
  core::TimerId arrival_timer_ = 0;
  std::function<void()> on_stopped_;

  Shaft shaft_;
  std::int32_t shaft_synced_at_ = 0;  // the counter when shaft_ was last brought up to date
  bool stalled_ = false;
  DriverThermal thermal_;
  core::TimerId thermal_timer_ = 0;
  std::int64_t travel_min_ = std::numeric_limits<std::int32_t>::min();
  std::int64_t travel_max_ = std::numeric_limits<std::int32_t>::max();
};

}  // namespace hil::sim
