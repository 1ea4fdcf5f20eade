// The speaker's sample clock: virtual (or wall) time since 0.
#include "sim/audio/recording_speaker.h"

#include <utility>

namespace hil::sim {

using audio::samples_in;

void RecordingSpeaker::play_due() const {
  const std::uint64_t now_tick = samples_in(scheduler_.now());
  while (ticks_done_ < now_tick) {
    Sample out = 0;
    if (!queue_.empty()) {
      out = queue_.front();
      queue_.pop_front();
      last_played_tick_ = ticks_done_;
      if (!keep_output_) played_.push_back(out);
    }
    if (keep_output_) output_.push_back(out);
    ++ticks_done_;
  }
}

std::size_t RecordingSpeaker::write(const std::int16_t* samples, std::size_t count) {
  play_due();
  std::size_t taken = 0;
  while (taken < count && queue_.size() < capacity_) queue_.push_back(samples[taken++]);
  return taken;
}

std::size_t RecordingSpeaker::pending() const {
  play_due();
  return queue_.size();
}

const std::vector<Sample>& RecordingSpeaker::played() const {
  play_due();
  return played_;
}

std::vector<Sample> RecordingSpeaker::take_output() {
  play_due();
  return std::exchange(output_, {});
}

std::uint64_t RecordingSpeaker::last_played_tick() const {
  play_due();
  return last_played_tick_;
}

}  // namespace hil::sim
