// A waveform as a report draws it: the lowest and highest sample in each stretch of time, in
// bounded memory. Stretches start at 5 ms; when there are more than a set number of them, each two
// neighbours merge into one twice as long, so a week-long run costs what a minute does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "firmware_core/audio/pcm.h"

namespace hil::signal {

struct WaveformBucket {
  std::int64_t start_us = 0;
  audio::Sample low = 0;
  audio::Sample high = 0;
};

// Buckets of one width, in time order; stretches with no sample have none.
struct Waveform {
  std::int64_t bucket_us = 0;
  std::vector<WaveformBucket> buckets;
};

class WaveformEnvelope {
 public:
  explicit WaveformEnvelope(std::size_t max_buckets = 4096, std::int64_t first_bucket_us = 5000);

  // Samples at the 16 kHz rate whose last one was heard at `end_us`.
  void add(std::int64_t end_us, audio::PcmView samples);
  const Waveform& waveform() const { return waveform_; }

 private:
  void widen();  // merge neighbours into buckets twice as long

  std::size_t max_buckets_;
  Waveform waveform_;
};

}  // namespace hil::signal
