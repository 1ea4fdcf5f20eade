// A simulated stepper motor and driver: position follows the motion profile in scheduler time.
#pragma once

#include <functional>

#include "firmware_core/ports/scheduler.h"
#include "firmware_core/ports/stepper_driver.h"
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
  void set_enabled(bool enabled) override { enabled_ = enabled; }
  void set_microstep_multiplier(std::uint32_t multiplier) override { multiplier_ = multiplier; }

  // The test-control side.
  bool enabled() const { return enabled_; }
  std::uint32_t microstep_multiplier() const { return multiplier_; }
  // Driver step pulses emitted so far (commanded steps times the microstep multiplier).
  std::uint64_t pulses() const;

 private:
  void arrive();

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
};

}  // namespace hil::sim
