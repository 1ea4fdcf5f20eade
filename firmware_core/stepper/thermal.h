// Per-motor thermal budget: awake time spends it, sleep refills it, in whole seconds.
#pragma once

#include <cstdint>

namespace hil::stepper {

class ThermalBudget {
 public:
  static constexpr std::int32_t kMaxTenths = 900;       // 90 s, max_budget_s
  static constexpr std::int32_t kFloorTenths = -3600;   // -360 s
  static constexpr std::int32_t kSpendPerSecond = 10;   // tenths lost per awake second
  static constexpr std::int32_t kRefillPerSecond = 15;  // tenths won per asleep second
  static constexpr std::int32_t kForcedSleepBelow = -50;
  static constexpr std::int32_t kMaxBudgetS = kMaxTenths / 10;

  // Applies the whole seconds elapsed since the last update in the state held meanwhile;
  // the remainder carries over to the next update.
  void update(std::int64_t now_ms, bool awake);
  // When (in ms) the budget will first drop below the forced-sleep line if kept awake.
  std::int64_t forced_sleep_due_ms() const;

  std::int32_t tenths() const { return tenths_; }
  std::int32_t available_s() const { return tenths_ >= 0 ? tenths_ / 10 : 0; }
  // Time to full cool, in tenths of a second, capped at 300 s.
  std::int32_t ttfc_tenths() const;
  bool over_limit() const { return tenths_ < kForcedSleepBelow; }

 private:
  std::int32_t tenths_ = kMaxTenths;
  std::int64_t last_ms_ = 0;
};

}  // namespace hil::stepper
