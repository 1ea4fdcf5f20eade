// A tone's frequency and level from a Goertzel peak search.
#include "bench/signal/tone_check.h"

#include <cmath>

#include "bench/signal/levels.h"
#include "firmware_core/audio/goertzel.h"

namespace hil::signal {

constexpr double kSearchFraction = 0.05;  // wider than the reject band, so a miss shows as one

ToneCheck check_tone(audio::PcmView samples, double nominal_hz, double accept_fraction) {
  ToneCheck check;
  const audio::TonePeak peak = audio::find_tone_peak(samples, nominal_hz, kSearchFraction);
  const double tone_rms = peak.amplitude / std::sqrt(2.0);
  const double total_rms = audio::rms(samples);
  check.freq_hz = peak.freq_hz;
  check.deviation = (peak.freq_hz - nominal_hz) / nominal_hz;
  check.level_dbfs = to_dbfs(tone_rms);
  check.share = total_rms > 0.0 ? tone_rms / total_rms : 0.0;
  check.in_band = audio::within_band(peak.freq_hz, nominal_hz, accept_fraction);
  return check;
}

}  // namespace hil::signal
