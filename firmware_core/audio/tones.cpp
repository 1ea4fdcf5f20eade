// The sine generators and the table of named tones.
#include "firmware_core/audio/tones.h"

#include <cmath>

namespace hil::audio {
namespace {

constexpr double kPi = 3.14159265358979323846;

// One step of a named tone: a frequency (0: silence) held for a time.
struct ToneStep {
  double freq_hz;
  int duration_ms;
};

struct NamedTone {
  std::string_view name;
  std::vector<ToneStep> steps;
};

const std::vector<NamedTone>& tone_table() {
  static const std::vector<NamedTone> kTable = {
      {"ack", {{997.0, 120}}},
      {"error", {{440.0, 150}, {0.0, 50}, {440.0, 150}}},
      {"ready", {{660.0, 80}, {880.0, 80}}},
  };
  return kTable;
}

Sample clamp_to_sample(double value) {
  if (value > 32767.0) return 32767;
  if (value < -32768.0) return -32768;
  return static_cast<Sample>(std::lround(value));
}

}  // namespace

void append_sine(std::vector<Sample>& out, double freq_hz, std::size_t count, double amplitude,
                 double phase) {
  const double step = 2.0 * kPi * freq_hz / kSampleRateHz;
  for (std::size_t i = 0; i < count; ++i) {
    out.push_back(clamp_to_sample(amplitude * std::sin(phase + step * static_cast<double>(i))));
  }
}

void append_dual_tone(std::vector<Sample>& out, double low_hz, double high_hz, std::size_t count,
                      double amplitude) {
  const double low_step = 2.0 * kPi * low_hz / kSampleRateHz;
  const double high_step = 2.0 * kPi * high_hz / kSampleRateHz;
  for (std::size_t i = 0; i < count; ++i) {
    const auto n = static_cast<double>(i);
    out.push_back(clamp_to_sample(amplitude * (std::sin(low_step * n) + std::sin(high_step * n))));
  }
}

void apply_ramps(std::vector<Sample>& samples, std::size_t ramp) {
  const std::size_t n = samples.size();
  if (ramp * 2 > n) ramp = n / 2;
  for (std::size_t i = 0; i < ramp; ++i) {
    const double gain =
        0.5 - 0.5 * std::cos(kPi * static_cast<double>(i) / static_cast<double>(ramp));
    samples[i] = clamp_to_sample(samples[i] * gain);
    samples[n - 1 - i] = clamp_to_sample(samples[n - 1 - i] * gain);
  }
}

std::optional<std::vector<Sample>> render_tone(std::string_view name) {
  for (const NamedTone& tone : tone_table()) {
    if (tone.name != name) continue;
    std::vector<Sample> out;
    for (const ToneStep& step : tone.steps) {
      const auto count = static_cast<std::size_t>(step.duration_ms) * kSampleRateHz / 1000;
      std::vector<Sample> part;
      append_sine(part, step.freq_hz, count, step.freq_hz > 0.0 ? kToneAmplitude : 0.0);
      apply_ramps(part, kToneRampSamples);
      out.insert(out.end(), part.begin(), part.end());
    }
    return out;
  }
  return std::nullopt;
}

std::vector<std::string_view> tone_names() {
  std::vector<std::string_view> names;
  for (const NamedTone& tone : tone_table()) names.push_back(tone.name);
  return names;
}

}  // namespace hil::audio
