// A simulated stepper motor and driver.
#include "sim/stepper/sim_stepper.h"

#include <algorithm>
#include <cmath>

namespace hil::sim {

SimStepper::~SimStepper() {
  scheduler_.cancel(arrival_timer_);
  scheduler_.cancel(thermal_timer_);
}

void SimStepper::set_enabled(bool enabled) {
  enabled_ = enabled;
  thermal_.set_energized(scheduler_.now(), enabled);
  watch_thermal();
}

void SimStepper::set_ambient(double celsius) {
  thermal_.set_ambient(scheduler_.now(), celsius);
  watch_thermal();
}

void SimStepper::watch_thermal() {
  scheduler_.cancel(thermal_timer_);
  thermal_timer_ = 0;
  const auto when = thermal_.next_transition(scheduler_.now());
  if (!when) return;
  thermal_timer_ = scheduler_.call_at(*when, [this] {
    thermal_timer_ = 0;
    sync_shaft(position());  // steps up to now turned the shaft (or did not)
    thermal_.transition(scheduler_.now());
    watch_thermal();
  });
}

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
  sync_shaft(target_);
  pulses_done_ +=
      static_cast<std::uint64_t>(std::llabs(std::int64_t{target_} - position_)) * multiplier_;
  position_ = target_;
  moving_ = false;
  if (auto done = std::move(on_stopped_)) done();
}

void SimStepper::stop() {
  if (!moving_) return;
  scheduler_.cancel(arrival_timer_);
  const std::int32_t here = position();
  sync_shaft(here);
  pulses_done_ +=
      static_cast<std::uint64_t>(std::llabs(std::int64_t{here} - position_)) * multiplier_;
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
  sync_shaft(position_);
  shaft_synced_at_ = steps;  // the counter jumps, the shaft stays where it is
  position_ = steps;
  target_ = steps;
}

std::uint64_t SimStepper::pulses() const {
  return pulses_done_ +
         static_cast<std::uint64_t>(std::llabs(std::int64_t{position()} - position_)) * multiplier_;
}

void SimStepper::set_stalled(bool stalled) {
  sync_shaft(position());
  stalled_ = stalled;
}

void SimStepper::miss_steps(std::uint32_t steps) {
  sync_shaft(position());
  shaft_.missed_left += steps;
}

bool SimStepper::set_travel_limits(std::int32_t min, std::int32_t max) {
  if (min > max) return false;
  sync_shaft(position());
  travel_min_ = min;
  travel_max_ = max;
  shaft_.position = std::clamp(shaft_.position, travel_min_, travel_max_);
  return true;
}

// Between two syncs the counter moves one way only (every move end syncs), so losing the first
// missed steps and then clamping the end point is the same as stepping one pulse at a time.
SimStepper::Shaft SimStepper::shaft_at(std::int32_t counter) const {
  const std::int64_t delta = std::int64_t{counter} - shaft_synced_at_;
  Shaft shaft = shaft_;
  if (stalled_ || thermal_.shut_down() || delta == 0) return shaft;
  const std::int64_t lost = std::min<std::int64_t>(std::llabs(delta), shaft.missed_left);
  shaft.missed_left -= static_cast<std::uint32_t>(lost);
  const std::int64_t turned = delta < 0 ? delta + lost : delta - lost;
  shaft.position = std::clamp(shaft.position + turned, travel_min_, travel_max_);
  return shaft;
}

void SimStepper::sync_shaft(std::int32_t counter) {
  shaft_ = shaft_at(counter);
  shaft_synced_at_ = counter;
}

}  // namespace hil::sim
