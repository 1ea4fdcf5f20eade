// The burst generator and the FFT cross-correlation (kissfft's real transforms).
#include "bench/signal/latency.h"

#include <kiss_fftr.h>

#include <cmath>
#include <cstdlib>
#include <memory>

namespace hil::signal {
namespace {

struct FftrFree {
  void operator()(kiss_fftr_state* cfg) const { kiss_fftr_free(cfg); }
};
using Fftr = std::unique_ptr<kiss_fftr_state, FftrFree>;

std::size_t power_of_two_at_least(std::size_t n) {
  std::size_t size = 2;
  while (size < n) size *= 2;
  return size;
}

// Samples as floats in -1..1, zero-padded to `size` (floats keep the products in range).
std::vector<kiss_fft_scalar> padded(audio::PcmView samples, std::size_t size) {
  std::vector<kiss_fft_scalar> out(size, 0.0f);
  for (std::size_t i = 0; i < samples.size; ++i) out[i] = static_cast<float>(samples[i]) / 32768.0f;
  return out;
}

// c[k] = sum over n of recording[n + k] * reference[n], for every k, by
// IFFT(FFT(recording) x conj(FFT(reference))).
std::vector<kiss_fft_scalar> cross_correlate(audio::PcmView reference, audio::PcmView recording) {
  const std::size_t nfft = power_of_two_at_least(recording.size + reference.size);
  const Fftr forward(kiss_fftr_alloc(static_cast<int>(nfft), 0, nullptr, nullptr));
  const Fftr inverse(kiss_fftr_alloc(static_cast<int>(nfft), 1, nullptr, nullptr));
  std::vector<kiss_fft_cpx> rec_bins(nfft / 2 + 1);
  std::vector<kiss_fft_cpx> ref_bins(nfft / 2 + 1);
  const auto rec = padded(recording, nfft);
  const auto ref = padded(reference, nfft);
  kiss_fftr(forward.get(), rec.data(), rec_bins.data());
  kiss_fftr(forward.get(), ref.data(), ref_bins.data());
  for (std::size_t i = 0; i < rec_bins.size(); ++i) {
    const kiss_fft_cpx a = rec_bins[i];
    const kiss_fft_cpx b = ref_bins[i];
    rec_bins[i].r = a.r * b.r + a.i * b.i;
    rec_bins[i].i = a.i * b.r - a.r * b.i;
  }
  std::vector<kiss_fft_scalar> correlation(nfft);
  kiss_fftri(inverse.get(), rec_bins.data(), correlation.data());
  for (kiss_fft_scalar& value : correlation) value /= static_cast<kiss_fft_scalar>(nfft);
  return correlation;
}

double energy(audio::PcmView samples) {
  double sum = 0.0;
  for (const audio::Sample s : samples) sum += (s / 32768.0) * (s / 32768.0);
  return sum;
}

}  // namespace

std::vector<audio::Sample> pn_burst(std::size_t samples, std::uint32_t seed,
                                    audio::Sample amplitude) {
  std::vector<audio::Sample> out(samples);
  std::uint32_t state = seed != 0 ? seed : 1;
  for (audio::Sample& sample : out) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    sample = (state & 1u) != 0 ? amplitude : static_cast<audio::Sample>(-amplitude);
  }
  return out;
}

LatencyMeasurement measure_latency(audio::PcmView reference, audio::PcmView recording,
                                   double min_confidence) {
  LatencyMeasurement result;
  if (reference.empty() || recording.size < reference.size) return result;
  const std::vector<kiss_fft_scalar> correlation = cross_correlate(reference, recording);
  const std::size_t last_lag = recording.size - reference.size;
  std::size_t best = 0;
  for (std::size_t lag = 1; lag <= last_lag; ++lag) {
    if (correlation[lag] > correlation[best]) best = lag;
  }
  const double norm = std::sqrt(energy(reference) * energy(recording.slice(best, reference.size)));
  result.lag_samples = best;
  result.confidence = norm > 0.0 ? correlation[best] / norm : 0.0;
  result.latency = audio::duration_of(best);
  result.found = result.confidence >= min_confidence;
  return result;
}

}  // namespace hil::signal
