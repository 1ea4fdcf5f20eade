// The driver chip's temperature and its over-temperature protection.
#include "sim/stepper/driver_thermal.h"

#include <cmath>

namespace hil::sim {

double DriverThermal::temperature(core::Micros now) const {
  const double elapsed_s = static_cast<double>((now - since_).count()) / 1e6;
  const double target = equilibrium();
  return target + (start_c_ - target) * std::exp(-elapsed_s / kTimeConstantS);
}

void DriverThermal::settle(core::Micros now) {
  start_c_ = temperature(now);
  since_ = now;
}

void DriverThermal::set_energized(core::Micros now, bool energized) {
  settle(now);
  energized_ = energized;
}

void DriverThermal::set_ambient(core::Micros now, double celsius) {
  settle(now);
  ambient_c_ = celsius;
}

std::optional<core::Micros> DriverThermal::next_transition(core::Micros now) const {
  const double threshold = shut_down_ ? kRecoverC : kShutdownC;
  const double current = temperature(now);
  const bool crossed = shut_down_ ? current < threshold : current >= threshold;
  if (crossed) return now;
  const double target = equilibrium();
  // It only gets there if it is heading past the threshold (an approach never arrives).
  if (shut_down_ ? target >= threshold : target <= threshold) return std::nullopt;
  const double left_s = kTimeConstantS * std::log((current - target) / (threshold - target));
  return now + core::Micros(static_cast<std::int64_t>(std::ceil(left_s * 1e6)));
}

void DriverThermal::transition(core::Micros now) {
  settle(now);
  shut_down_ = !shut_down_;
}

}  // namespace hil::sim
