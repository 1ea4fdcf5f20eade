// Holds a device's microphone to real time: a token bucket of audio time that fills at one second
// per second up to `burst`. A frame the bucket cannot pay for came faster than real time (beyond
// the burst a reconnecting device may send at once) and is refused.
#pragma once

#include <chrono>
#include <cstddef>

#include "firmware_core/ports/scheduler.h"

namespace hil::audio {

class MicRateGuard {
 public:
  explicit MicRateGuard(core::Micros burst = std::chrono::milliseconds(500))
      : burst_(burst), credit_(burst) {}

  // A full bucket from `now` on (a new connection).
  void reset(core::Micros now);
  // True, and the frame paid for, when `samples` samples fit the credit at `now`.
  bool admit(std::size_t samples, core::Micros now);

 private:
  core::Micros burst_;
  core::Micros credit_;
  core::Micros last_{0};
};

}  // namespace hil::audio
