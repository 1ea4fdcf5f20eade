// Level statistics of a recording, as sox `stats` reports them: RMS and peak in dBFS, clipped
// samples and DC offset. dBFS here is relative to a full-scale square wave (32768), so a
// full-scale sine reads -3.01 dB RMS (sox's convention; AES17 would call that 0 dB).
#pragma once

#include <cstdint>

#include "firmware_core/audio/pcm.h"

namespace hil::signal {

// What a recording of only zeros reads, instead of minus infinity.
inline constexpr double kSilenceDbfs = -200.0;

struct Levels {
  double rms_dbfs = kSilenceDbfs;
  double peak_dbfs = kSilenceDbfs;
  std::uint64_t clipped_samples = 0;  // at +32767 or -32768
  double dc_offset = 0.0;             // the mean, as a fraction of full scale (-1..1)
  double dc_dbfs = kSilenceDbfs;      // |mean| in dBFS
};

Levels measure_levels(audio::PcmView samples);
// 20 log10(amplitude / 32768), or kSilenceDbfs for 0.
double to_dbfs(double amplitude);

}  // namespace hil::signal
