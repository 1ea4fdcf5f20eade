// Mix to mono, convert the rate with libsamplerate, scale to int16.
#include "bench/audio/resample.h"

#include <samplerate.h>

#include <cmath>

namespace hil::bench {

bool is_protocol_format(const Sound& sound) {
  return sound.rate_hz == audio::kSampleRateHz && sound.channels == 1;
}

std::optional<std::vector<audio::Sample>> to_protocol_pcm(const Sound& sound, std::string& error) {
  const auto channels = static_cast<std::size_t>(sound.channels);
  const std::size_t frames = sound.frames.size() / channels;
  std::vector<float> mono(frames);
  for (std::size_t i = 0; i < frames; ++i) {
    float sum = 0;
    for (std::size_t c = 0; c < channels; ++c) sum += sound.frames[i * channels + c];
    mono[i] = sum / static_cast<float>(channels);
  }
  std::vector<float> converted;
  if (sound.rate_hz == audio::kSampleRateHz) {
    converted = std::move(mono);
  } else {
    const double ratio = static_cast<double>(audio::kSampleRateHz) / sound.rate_hz;
    converted.resize(static_cast<std::size_t>(std::ceil(static_cast<double>(frames) * ratio)) + 1);
    SRC_DATA data{};
    data.data_in = mono.data();
    data.input_frames = static_cast<long>(frames);
    data.data_out = converted.data();
    data.output_frames = static_cast<long>(converted.size());
    data.src_ratio = ratio;
    if (const int rc = src_simple(&data, SRC_SINC_MEDIUM_QUALITY, 1); rc != 0) {
      error = std::string("cannot resample: ") + src_strerror(rc);
      return std::nullopt;
    }
    converted.resize(static_cast<std::size_t>(data.output_frames_gen));
  }
  std::vector<audio::Sample> samples(converted.size());
  src_float_to_short_array(converted.data(), samples.data(), static_cast<int>(converted.size()));
  return samples;
}

}  // namespace hil::bench
