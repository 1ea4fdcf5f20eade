// Latency by cross-correlation, as OboeTester measures it: a known pseudo-random burst is played,
// the recording is correlated with it (FFT, kissfft) and the best lag is the latency, to the
// sample. Its normalized correlation is the confidence (OboeTester refuses below 0.2).
#pragma once

#include <cstdint>
#include <vector>

#include "firmware_core/audio/pcm.h"
#include "firmware_core/ports/scheduler.h"

namespace hil::signal {

inline constexpr double kMinConfidence = 0.2;

// `samples` samples of +-amplitude, the signs from a xorshift32 generator started at `seed`
// (nonzero): white, and the same for the same seed.
std::vector<audio::Sample> pn_burst(std::size_t samples, std::uint32_t seed = 1,
                                    audio::Sample amplitude = 8000);

struct LatencyMeasurement {
  bool found = false;             // a lag with confidence >= min_confidence
  std::uint64_t lag_samples = 0;  // where the burst starts in the recording
  double confidence = 0.0;        // normalized correlation at that lag, 0..1
  core::Micros latency{0};        // lag_samples at 16 kHz
};

// Finds `reference` in `recording` at lags 0 .. recording - reference.
LatencyMeasurement measure_latency(audio::PcmView reference, audio::PcmView recording,
                                   double min_confidence = kMinConfidence);

}  // namespace hil::signal
