// The stepper driver port: one per motor, motion execution and the power stage.
#pragma once

#include <cstdint>
#include <functional>

namespace hil::core {

struct MoveProfile {
  std::int32_t target_steps = 0;  // absolute, in commanded steps
  std::uint32_t speed_sps = 0;    // cruise speed, steps per second (> 0)
  std::uint32_t accel_sps2 = 0;   // acceleration, steps per second^2 (> 0)
  std::uint32_t decel_sps2 = 0;   // deceleration; 0 means "same as accel"
};

class StepperDriver {
 public:
  virtual ~StepperDriver() = default;
  // Starts a move from the current position; `on_stopped` runs once when the motor stands still
  // again, whether it arrived or was stopped. Returns false if the driver refused the move.
  [[nodiscard]] virtual bool start_move(const MoveProfile& profile,
                                        std::function<void()> on_stopped) = 0;
  // Stops at once (no ramp); the pending on_stopped callback still runs.
  virtual void stop() = 0;
  virtual std::int32_t position() const = 0;
  virtual void set_position(std::int32_t steps) = 0;
  virtual bool moving() const = 0;
  // Powers the driver stage (enable pin); a sleeping driver holds no torque.
  virtual void set_enabled(bool enabled) = 0;
  // Driver step multiplier for microstepping (1 = full step).
  virtual void set_microstep_multiplier(std::uint32_t multiplier) = 0;
};

}  // namespace hil::core
