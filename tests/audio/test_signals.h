// Signals the audio tests compare exactly: every sample different, so a lost, doubled or moved
// sample shows.
#pragma once

#include <vector>

#include "firmware_core/audio/pcm.h"

namespace hil::audio::testing {

// from, from + 1, from + 2, ... (wrapping at the int16 range).
inline std::vector<Sample> counting(std::size_t count, Sample from) {
  std::vector<Sample> out(count);
  for (std::size_t i = 0; i < count; ++i) out[i] = static_cast<Sample>(from + i);
  return out;
}

}  // namespace hil::audio::testing
