// A stepper driver as a timer-driven step generator: the SysTick interrupt issues the steps a
// trapezoidal move has reached every 0.1 ms and counts the position; the main loop reports the
// end of a move to the firmware.
#pragma once

#include <cstdint>
#include <functional>

#include "boards/mps2_an385/trapezoid.h"
#include "firmware_core/ports/stepper_driver.h"

namespace hil::board {

class StepGenerator : public core::StepperDriver {
 public:
  bool start_move(const core::MoveProfile& profile, std::function<void()> on_stopped) override;
  void stop() override;
  std::int32_t position() const override { return position_; }
  void set_position(std::int32_t steps) override;
  bool moving() const override { return running_ || stopped_pending_; }
  void set_enabled(bool enabled) override { enabled_ = enabled; }
  void set_microstep_multiplier(std::uint32_t multiplier) override { multiplier_ = multiplier; }

  // From the tick interrupt: issues the steps due at `now_us`.
  void on_tick(std::int64_t now_us);
  // From the main loop: reports a move that ended since the last call.
  void poll();

 private:
  Trapezoid move_;
  std::int64_t started_us_ = 0;
  std::int32_t origin_ = 0;
  int direction_ = 1;
  volatile std::int32_t position_ = 0;
  volatile bool running_ = false;          // steps are being issued
  volatile bool stopped_pending_ = false;  // ended, not reported yet
  bool enabled_ = false;
  std::uint32_t multiplier_ = 1;
  std::function<void()> on_stopped_;
};

}  // namespace hil::board
