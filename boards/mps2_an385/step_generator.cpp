// The step generators.
#include "boards/mps2_an385/step_generator.h"

#include <cstdlib>
#include <utility>

#include "boards/mps2_an385/cpu.h"
#include "boards/mps2_an385/tick_clock.h"

namespace hil::board {

bool StepGenerator::start_move(const core::MoveProfile& profile, std::function<void()> on_stopped) {
  if (moving() || profile.speed_sps == 0 || profile.accel_sps2 == 0) return false;
  const std::int64_t distance = std::int64_t{profile.target_steps} - position_;
  const InterruptsMasked masked;  // the interrupt sees the whole move or none of it
  move_ = Trapezoid(static_cast<std::uint32_t>(std::llabs(distance)), profile.speed_sps,
                    profile.accel_sps2, profile.decel_sps2);
  direction_ = distance < 0 ? -1 : 1;
  origin_ = position_;
  started_us_ = now_us();
  on_stopped_ = std::move(on_stopped);
  running_ = true;
  return true;
}

void StepGenerator::stop() {
  const InterruptsMasked masked;
  if (!running_) return;
  running_ = false;  // no step after this one; the end is reported from the main loop
  stopped_pending_ = true;
}

void StepGenerator::set_position(std::int32_t steps) {
  if (!moving()) position_ = steps;
}

void StepGenerator::on_tick(std::int64_t now_us) {
  if (!running_) return;
  const std::int64_t elapsed = now_us - started_us_;
  position_ = origin_ + direction_ * static_cast<std::int32_t>(move_.steps_at(elapsed));
  if (elapsed >= move_.duration_us()) {
    running_ = false;
    stopped_pending_ = true;
  }
}

void StepGenerator::poll() {
  std::function<void()> done;
  {
    const InterruptsMasked masked;
    if (!stopped_pending_) return;
    stopped_pending_ = false;
    done = std::move(on_stopped_);
  }
  if (done) done();
}

}  // namespace hil::board
