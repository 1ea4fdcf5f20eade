// The tone the audio device tests send through PortAudio: 997 Hz (AES17's "1 kHz", so a sample
// lost, doubled or repeated shows as a phase jump, where a 1000 Hz tone repeats every 16 samples)
// at -12 dBFS, starting at its peak so the first sample is not 0 and the start is found exactly.
#pragma once

#include <cmath>
#include <vector>

#include "firmware_core/audio/pcm.h"
#include "firmware_core/audio/tones.h"

namespace hil::bench::testing {

inline constexpr double kToneHz = 997.0;
inline constexpr std::size_t kToneSamples = 8000;  // 0.5 s

inline std::vector<audio::Sample> test_tone() {
  std::vector<audio::Sample> tone;
  const double peak_phase = std::acos(0.0);  // pi / 2
  audio::append_sine(tone, kToneHz, kToneSamples, audio::kToneAmplitude, peak_phase);
  return tone;
}

}  // namespace hil::bench::testing
