// A 16 kHz player's clock against the frames' arrival times.
#include "bench/signal/delivery_gaps.h"

#include "firmware_core/audio/pcm.h"

namespace hil::signal {
namespace {

// Lateness under one sample (62.5 us) is rounding, not a gap anyone hears.
bool at_least_one_sample(core::Micros lateness) {
  return lateness.count() * audio::kSampleRateHz >= 1'000'000;
}

}  // namespace

std::optional<DeliveryGap> DeliveryGapTracker::add(const FrameArrival& frame) {
  if (frames_ == 0) start_ = frame.at + playout_delay_;
  const core::Micros due = start_ + audio::duration_of(position_) + waited_;
  std::optional<DeliveryGap> gap;
  if (at_least_one_sample(frame.at - due)) {
    gap = DeliveryGap{frames_, position_, frame.at - due};
    waited_ += frame.at - due;
  }
  position_ += frame.samples;
  ++frames_;
  return gap;
}

std::vector<DeliveryGap> find_delivery_gaps(const std::vector<FrameArrival>& frames,
                                            core::Micros playout_delay) {
  std::vector<DeliveryGap> gaps;
  DeliveryGapTracker player(playout_delay);
  for (const FrameArrival& frame : frames) {
    if (auto gap = player.add(frame)) gaps.push_back(*gap);
  }
  return gaps;
}

}  // namespace hil::signal
