// Gaps a listener would hear in a stream delivered in frames: from each frame's sample count and
// arrival time, a player that starts `playout_delay` after the first frame and plays at 16 kHz
// (waiting, as a real one does, when a frame is late, then going on from there). A frame that
// arrives after its first sample was due is a gap of that lateness (EchoMuse's 1373 ms gap read
// as silence is one). With no delay, any frame later than real time counts; lateness under one
// sample (62.5 us) does not.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "firmware_core/ports/scheduler.h"

namespace hil::signal {

struct FrameArrival {
  core::Micros at{0};
  std::uint64_t samples = 0;
};

struct DeliveryGap {
  std::size_t frame = 0;        // the late frame's index
  std::uint64_t at_sample = 0;  // its first sample's position in the stream
  core::Micros length{0};       // how long the player waited for it
};

std::vector<DeliveryGap> find_delivery_gaps(const std::vector<FrameArrival>& frames,
                                            core::Micros playout_delay);

// The same player fed one frame at a time, as frames arrive (a long stream keeps no history).
class DeliveryGapTracker {
 public:
  explicit DeliveryGapTracker(core::Micros playout_delay) : playout_delay_(playout_delay) {}
  // The gap this frame makes the player hear, if it is late.
  std::optional<DeliveryGap> add(const FrameArrival& frame);
  std::uint64_t samples() const { return position_; }
  std::size_t frames() const { return frames_; }

 private:
  core::Micros playout_delay_;
  core::Micros start_{0};
  core::Micros waited_{0};  // all the player has waited so far
  std::uint64_t position_ = 0;
  std::size_t frames_ = 0;
};

}  // namespace hil::signal
