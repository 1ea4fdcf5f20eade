// Per-motor thermal budget.
#include "firmware_core/stepper/thermal.h"

#include <algorithm>

namespace hil::stepper {

void ThermalBudget::update(std::int64_t now_ms, bool awake) {
  if (now_ms <= last_ms_) return;
  const std::int64_t seconds = (now_ms - last_ms_) / 1000;
  if (seconds == 0) return;
  last_ms_ += seconds * 1000;
  const std::int64_t delta = awake ? -seconds * kSpendPerSecond : seconds * kRefillPerSecond;
  tenths_ = static_cast<std::int32_t>(
      std::clamp<std::int64_t>(tenths_ + delta, kFloorTenths, kMaxTenths));
}

std::int64_t ThermalBudget::forced_sleep_due_ms() const {
  if (over_limit()) return last_ms_;
  const std::int64_t seconds = (tenths_ - kForcedSleepBelow) / kSpendPerSecond + 1;
  return last_ms_ + seconds * 1000;
}

std::int32_t ThermalBudget::ttfc_tenths() const {
  const std::int32_t missing = kMaxTenths - tenths_;
  const std::int32_t tenths = (missing * 10 + kRefillPerSecond - 1) / kRefillPerSecond;
  return std::min<std::int32_t>(tenths, 3000);
}

}  // namespace hil::stepper
