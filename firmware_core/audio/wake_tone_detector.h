// Finds a wake tone pair in microphone audio: both tones within +-1.5 % of their nominal
// frequencies (the DTMF accept band of ITU-T Q.24) in three consecutive 20 ms blocks, so a pair
// of 80 ms or more is always found and one of 30 ms or less never is (Q.24: detect at 40 ms,
// reject below 23 ms). Each tone's RMS must be at least `min_share` of the block's and the block
// louder than `min_rms`. It reports once per appearance of the pair: it must
// be absent for a block before it can be reported again.
#pragma once

#include <cstdint>
#include <vector>

#include "firmware_core/audio/pcm.h"

namespace hil::audio {

struct WakeToneOptions {
  double low_hz = 697.0;  // DTMF "1" by default
  double high_hz = 1209.0;
  double accept_fraction = 0.015;
  std::size_t block_samples = 320;  // 20 ms
  unsigned blocks_needed = 3;       // 60 ms
  double min_share = 0.35;          // of the block's RMS, per tone (an equal pair gives 0.71 each)
  double min_rms = 100.0;           // about -50 dBFS
};

class WakeToneDetector {
 public:
  explicit WakeToneDetector(WakeToneOptions options = {});

  // Feeds samples in any chunks; true when the pair has just been recognised.
  bool feed(PcmView samples);
  std::uint64_t detections() const { return detections_; }

 private:
  bool block_has_pair() const;

  WakeToneOptions options_;
  std::vector<Sample> block_;
  unsigned run_ = 0;   // consecutive blocks with the pair
  bool armed_ = true;  // the pair was absent since the last report
  std::uint64_t detections_ = 0;
};

}  // namespace hil::audio
