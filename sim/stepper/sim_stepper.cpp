// A simulated stepper motor and driver.
#include "sim/stepper/sim_stepper.h"

#include <cmath>

namespace hil::sim {

SimStepper::~SimStepper() { scheduler_.cancel(arrival_timer_); }

bool SimStepper::start_move(const core::MoveProfile& profile, std::function<void()> on_stopped) {
  if (moving_ || profile.speed_sps == 0 || profile.accel_sps2 == 0) return false;
  const std::int64_t distance = std::int64_t{profile.target_steps} - position_;
  target_ = profile.target_steps;
  direction_ = distance < 0 ? -1 : 1;
  profile_ = MotionProfile(distance, profile.speed_sps, profile.accel_sps2, profile.decel_sps2);
  started_ = scheduler_.now();
  moving_ = true;
  on_stopped_ = std::move(on_stopped);
  const auto duration_us = static_cast<std::int64_t>(std::ceil(profile_.duration_s() * 1e6));
  arrival_timer_ = scheduler_.call_at(started_ + core::Micros(duration_us), [this] { arrive(); });
  return true;
}

void SimStepper::arrive() {
  arrival_timer_ = 0;
  pulses_done_ += static_cast<std::uint64_t>(std::llabs(std::int64_t{target_} - position_)) * multiplier_;
  position_ = target_;
  moving_ = false;
  if (auto done = std::move(on_stopped_)) done();
}

void SimStepper::stop() {
  if (!moving_) return;
  scheduler_.cancel(arrival_timer_);
  const std::int32_t here = position();
  pulses_done_ += static_cast<std::uint64_t>(std::llabs(std::int64_t{here} - position_)) * multiplier_;
  position_ = here;
  target_ = here;
  // The stop callback runs as its own event, as a driver interrupt would.
  arrival_timer_ = scheduler_.call_at(scheduler_.now(), [this] {
    arrival_timer_ = 0;
    moving_ = false;
    if (auto done = std::move(on_stopped_)) done();
  });
}

std::int32_t SimStepper::position() const {
  if (!moving_ || target_ == position_) return moving_ ? target_ : position_;
  const double t = static_cast<double>((scheduler_.now() - started_).count()) / 1e6;
  const auto steps = static_cast<std::int32_t>(std::floor(profile_.travelled(t)));
  return position_ + direction_ * steps;
}

void SimStepper::set_position(std::int32_t steps) {
  if (moving_) return;
  position_ = steps;
  target_ = steps;
}

std::uint64_t SimStepper::pulses() const {
  return pulses_done_ + static_cast<std::uint64_t>(std::llabs(std::int64_t{position()} - position_)) * multiplier_;
}

}  // namespace hil::sim
