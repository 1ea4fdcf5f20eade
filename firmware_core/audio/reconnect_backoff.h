// The device's reconnect back-off: 1 s after the first failure, doubling to at most 30 s, back to
// 1 s after a connection that worked (the owner says which did: audio_device.h).
#pragma once

#include <chrono>

#include "firmware_core/ports/scheduler.h"

namespace hil::audio {

class ReconnectBackoff {
 public:
  explicit ReconnectBackoff(core::Micros first = std::chrono::seconds(1),
                            core::Micros longest = std::chrono::seconds(30))
      : first_(first), longest_(longest) {}

  // The wait before the next attempt: first, 2 x first, 4 x first, ... capped at longest.
  core::Micros next_delay();
  // The next delay is `first` again.
  void reset() { failures_ = 0; }
  unsigned failures() const { return failures_; }

 private:
  core::Micros first_;
  core::Micros longest_;
  unsigned failures_ = 0;
};

}  // namespace hil::audio
