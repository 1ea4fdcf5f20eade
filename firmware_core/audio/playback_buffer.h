// The device's bounded playback buffer: samples received (and tones made) wait here for the
// speaker. What does not fit is dropped and counted as an overrun; it never grows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "firmware_core/audio/pcm.h"

namespace hil::audio {

class PlaybackBuffer {
 public:
  explicit PlaybackBuffer(std::size_t capacity_samples);

  // Appends what fits; returns how many samples did not (dropped from the end of `samples`).
  std::size_t push(PcmView samples);
  // The oldest samples that lie contiguous in memory (empty when the buffer is).
  PcmView front() const;
  // Forgets the `count` oldest samples (those front() showed).
  void pop(std::size_t count);
  void clear();

  std::size_t size() const { return size_; }
  std::size_t capacity() const { return ring_.size(); }
  bool empty() const { return size_ == 0; }

 private:
  std::vector<Sample> ring_;
  std::size_t head_ = 0;  // index of the oldest sample
  std::size_t size_ = 0;
};

}  // namespace hil::audio
