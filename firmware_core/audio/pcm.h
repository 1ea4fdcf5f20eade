// The protocol's audio format (shared/specs/esp32-audio-websocket.md, "Binary Messages"): raw PCM,
// signed 16-bit little-endian, 16 kHz, one channel, no header. Conversions between binary frames
// and samples, and a read-only view of samples (the core is C++17: no std::span).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "firmware_core/ports/scheduler.h"

namespace hil::audio {

using Sample = std::int16_t;
inline constexpr int kSampleRateHz = 16000;
inline constexpr std::size_t kBytesPerSample = 2;

// A run of samples owned elsewhere.
struct PcmView {
  const Sample* data = nullptr;
  std::size_t size = 0;

  PcmView() = default;
  PcmView(const Sample* samples, std::size_t count) : data(samples), size(count) {}
  PcmView(const std::vector<Sample>& samples) : data(samples.data()), size(samples.size()) {}
  const Sample* begin() const { return data; }
  const Sample* end() const { return data + size; }
  bool empty() const { return size == 0; }
  Sample operator[](std::size_t i) const { return data[i]; }
  // Up to `count` samples from `offset` (clamped to what there is).
  PcmView slice(std::size_t offset, std::size_t count) const;
};

// A clip shared by whoever plays it: a service queues a long reply for every client without a copy.
using SharedClip = std::shared_ptr<const std::vector<Sample>>;

// Samples as a binary frame's bytes.
std::string encode_pcm(PcmView samples);
// A binary frame's bytes as samples; a trailing odd byte is not a sample and is left out.
std::vector<Sample> decode_pcm(std::string_view bytes);

// The root mean square of the samples, in sample units (0 for none).
double rms(PcmView samples);

// How long `samples` samples last at 16 kHz, rounded down to whole microseconds.
core::Micros duration_of(std::uint64_t samples);
// How many samples are played in `duration` at 16 kHz, rounded down.
std::uint64_t samples_in(core::Micros duration);

}  // namespace hil::audio
