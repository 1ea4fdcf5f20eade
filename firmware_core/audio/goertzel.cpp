// Goertzel over a Hann-windowed block, and a peak search on a grid refined by a parabola.
#include "firmware_core/audio/goertzel.h"

#include <cmath>
#include <vector>

namespace hil::audio {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kGridStep = 0.0025;  // of the nominal frequency: 0.25 %

struct Windowed {
  std::vector<double> samples;
  double weight_sum = 0.0;  // what a constant amplitude sums to under the window
};

Windowed hann(PcmView samples) {
  Windowed out;
  out.samples.resize(samples.size);
  const double span = samples.size > 1 ? static_cast<double>(samples.size - 1) : 1.0;
  for (std::size_t i = 0; i < samples.size; ++i) {
    const double w = 0.5 - 0.5 * std::cos(2.0 * kPi * static_cast<double>(i) / span);
    out.samples[i] = w * samples[i];
    out.weight_sum += w;
  }
  return out;
}

double goertzel(const Windowed& block, double freq_hz, int rate_hz) {
  if (block.weight_sum <= 0.0) return 0.0;
  const double coeff = 2.0 * std::cos(2.0 * kPi * freq_hz / rate_hz);
  double s1 = 0.0;
  double s2 = 0.0;
  for (const double x : block.samples) {
    const double s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  // |X(f)| is half the amplitude times the window's sum.
  return 2.0 * std::sqrt(power > 0.0 ? power : 0.0) / block.weight_sum;
}

}  // namespace

double tone_amplitude(PcmView samples, double freq_hz, int rate_hz) {
  return goertzel(hann(samples), freq_hz, rate_hz);
}

TonePeak find_tone_peak(PcmView samples, double nominal_hz, double search_fraction, int rate_hz) {
  const Windowed block = hann(samples);
  const double step = nominal_hz * kGridStep;
  const int half = static_cast<int>(std::ceil(search_fraction / kGridStep));
  std::vector<double> grid;
  grid.reserve(2 * static_cast<std::size_t>(half) + 1);
  std::size_t best = 0;
  for (int i = -half; i <= half; ++i) {
    grid.push_back(goertzel(block, nominal_hz + i * step, rate_hz));
    if (grid.back() > grid[best]) best = grid.size() - 1;
  }
  const double best_hz = nominal_hz + (static_cast<int>(best) - half) * step;
  if (best == 0 || best + 1 == grid.size()) return {best_hz, grid[best]};
  // The vertex of the parabola through the peak and its neighbours.
  const double left = grid[best - 1];
  const double mid = grid[best];
  const double right = grid[best + 1];
  const double curvature = left - 2.0 * mid + right;
  const double offset = curvature < 0.0 ? 0.5 * (left - right) / curvature : 0.0;
  const double freq_hz = best_hz + offset * step;
  return {freq_hz, goertzel(block, freq_hz, rate_hz)};
}

bool within_band(double measured_hz, double nominal_hz, double fraction) {
  return std::fabs(measured_hz - nominal_hz) <= nominal_hz * fraction;
}

}  // namespace hil::audio
