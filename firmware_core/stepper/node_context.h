// What the parts of the stepper node share: time since boot, the event bracket, and callbacks that
// die with their owner.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <utility>

#include "firmware_core/ports/scheduler.h"

namespace hil::stepper {

struct NodeClock {
  core::Scheduler& scheduler;
  std::int64_t boot_us = 0;

  std::int64_t now_ms() const { return (scheduler.now().count() - boot_us) / 1000; }
  core::Micros at_ms(std::int64_t ms) const { return core::Micros(boot_us + ms * 1000); }
};

// Brackets each event that reaches a part directly (a timer, a driver, Wi-Fi): thermal budgets
// are brought up to date before it, timers and telemetry re-armed after it.
class EventBracket {
 public:
  virtual ~EventBracket() = default;
  virtual void begin_event() = 0;
  virtual void end_event() = 0;
};

// Wraps callbacks so that they do nothing once the token's owner is gone (drivers, timers and
// Wi-Fi outlive the node's parts).
class LifeToken {
 public:
  LifeToken() = default;
  LifeToken(const LifeToken&) = delete;
  LifeToken& operator=(const LifeToken&) = delete;
  ~LifeToken() { *alive_ = false; }

  template <typename Fn>
  auto guard(Fn fn) const {
    return [alive = std::weak_ptr<bool>(alive_), fn = std::move(fn)](auto&&... args) {
      const auto token = alive.lock();
      if (token && *token) fn(std::forward<decltype(args)>(args)...);
    };
  }

 private:
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace hil::stepper
