// The boot watchdog.
#include "firmware_core/supervisor/mcu_boot_watchdog.h"

#include <utility>

namespace hil::supervisor {

BootWatchdog::BootWatchdog(core::Scheduler& scheduler, core::Micros timeout,
                           std::function<void()> on_expired)
    : scheduler_(scheduler), timeout_(timeout), on_expired_(std::move(on_expired)) {}

BootWatchdog::~BootWatchdog() { disarm(); }

bool BootWatchdog::arm() {
  disarm();
  if (!enabled()) return false;
  state_ = WatchdogState::kArmed;
  timer_ = scheduler_.call_at(scheduler_.now() + timeout_, [this] { expire(); });
  return true;
}

bool BootWatchdog::satisfy() {
  if (state_ != WatchdogState::kArmed) return false;
  scheduler_.cancel(timer_);
  timer_ = 0;
  state_ = WatchdogState::kOk;
  return true;
}

void BootWatchdog::disarm() {
  core::cancel_timer(scheduler_, timer_);
  state_ = WatchdogState::kOff;
}

void BootWatchdog::expire() {
  timer_ = 0;
  state_ = WatchdogState::kReset;
  if (on_expired_) on_expired_();
}

}  // namespace hil::supervisor
