// PCM frames to samples and back, byte by byte so the host's byte order never matters.
#include "firmware_core/audio/pcm.h"

#include <cmath>

namespace hil::audio {

PcmView PcmView::slice(std::size_t offset, std::size_t count) const {
  if (offset >= size) return {data + size, 0};
  const std::size_t left = size - offset;
  return {data + offset, count < left ? count : left};
}

std::string encode_pcm(PcmView samples) {
  std::string bytes;
  bytes.reserve(samples.size * kBytesPerSample);
  for (const Sample sample : samples) {
    const auto bits = static_cast<std::uint16_t>(sample);
    bytes.push_back(static_cast<char>(bits & 0xff));
    bytes.push_back(static_cast<char>(bits >> 8));
  }
  return bytes;
}

std::vector<Sample> decode_pcm(std::string_view bytes) {
  std::vector<Sample> samples(bytes.size() / kBytesPerSample);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const auto low = static_cast<unsigned char>(bytes[2 * i]);
    const auto high = static_cast<unsigned char>(bytes[2 * i + 1]);
    samples[i] = static_cast<Sample>(static_cast<std::uint16_t>(low | (high << 8)));
  }
  return samples;
}

double rms(PcmView samples) {
  if (samples.empty()) return 0.0;
  double sum = 0.0;
  for (const Sample sample : samples) sum += static_cast<double>(sample) * sample;
  return std::sqrt(sum / static_cast<double>(samples.size));
}

core::Micros duration_of(std::uint64_t samples) {
  return core::Micros(static_cast<std::int64_t>(samples * 1'000'000 / kSampleRateHz));
}

std::uint64_t samples_in(core::Micros duration) {
  if (duration.count() <= 0) return 0;
  return static_cast<std::uint64_t>(duration.count()) * kSampleRateHz / 1'000'000;
}

}  // namespace hil::audio
