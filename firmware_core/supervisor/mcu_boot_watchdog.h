// The boot watchdog: after the Pi is powered or reset it must send a request within a time limit,
// else the owner resets it (through the PiResetLine port) and arms the watchdog again.
#pragma once

#include <functional>

#include "firmware_core/ports/scheduler.h"
#include "firmware_core/supervisor/mcu_values.h"

namespace hil::supervisor {

class BootWatchdog {
 public:
  // `timeout` <= 0 disables the watchdog. `on_expired` runs when an armed watchdog times out,
  // with state() == kReset; it is expected to reset the Pi and arm() again.
  BootWatchdog(core::Scheduler& scheduler, core::Micros timeout, std::function<void()> on_expired);
  ~BootWatchdog();
  BootWatchdog(const BootWatchdog&) = delete;
  BootWatchdog& operator=(const BootWatchdog&) = delete;

  bool enabled() const { return timeout_ > core::Micros(0); }
  // Starts (again) waiting for the Pi. Returns false, staying off, when disabled.
  bool arm();
  // The Pi talked. Returns true when this ended a wait (armed -> ok).
  bool satisfy();
  // Stops watching (the Pi's power is cut).
  void disarm();
  WatchdogState state() const { return state_; }

 private:
  void expire();

  core::Scheduler& scheduler_;
  core::Micros timeout_;
  std::function<void()> on_expired_;
  WatchdogState state_ = WatchdogState::kOff;
  core::TimerId timer_ = 0;
};

}  // namespace hil::supervisor
