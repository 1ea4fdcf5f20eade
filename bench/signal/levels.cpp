// RMS, peak, clipping and DC of a recording.
#include "bench/signal/levels.h"

#include <cmath>
#include <cstdlib>

namespace hil::signal {

constexpr double kFullScale = 32768.0;

double to_dbfs(double amplitude) {
  if (amplitude <= 0.0) return kSilenceDbfs;
  return 20.0 * std::log10(amplitude / kFullScale);
}

Levels measure_levels(audio::PcmView samples) {
  Levels levels;
  if (samples.empty()) return levels;
  int peak = 0;
  double sum = 0.0;
  for (const audio::Sample sample : samples) {
    const int magnitude = std::abs(static_cast<int>(sample));
    if (magnitude > peak) peak = magnitude;
    if (sample == 32767 || sample == -32768) ++levels.clipped_samples;
    sum += sample;
  }
  const double mean = sum / static_cast<double>(samples.size);
  levels.rms_dbfs = to_dbfs(audio::rms(samples));
  levels.peak_dbfs = to_dbfs(peak);
  levels.dc_offset = mean / kFullScale;
  levels.dc_dbfs = to_dbfs(std::fabs(mean));
  return levels;
}

}  // namespace hil::signal
