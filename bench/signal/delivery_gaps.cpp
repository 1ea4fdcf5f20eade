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

std::vector<DeliveryGap> find_delivery_gaps(const std::vector<FrameArrival>& frames,
                                            core::Micros playout_delay) {
  std::vector<DeliveryGap> gaps;
  if (frames.empty()) return gaps;
  const core::Micros start = frames.front().at + playout_delay;
  core::Micros waited{0};  // all the player has waited so far
  std::uint64_t position = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const core::Micros due = start + audio::duration_of(position) + waited;
    if (at_least_one_sample(frames[i].at - due)) {
      gaps.push_back({i, position, frames[i].at - due});
      waited += frames[i].at - due;
    }
    position += frames[i].samples;
  }
  return gaps;
}

}  // namespace hil::signal
