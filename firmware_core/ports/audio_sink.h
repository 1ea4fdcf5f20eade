// The speaker port: a playback device (I2S DMA and DAC on the ESP32) with a small buffer of its own
// that it plays out at its own rate (16 kHz mono int16, the protocol's format).
#pragma once

#include <cstddef>
#include <cstdint>

namespace hil::core {

class AudioSink {
 public:
  virtual ~AudioSink() = default;
  // Queues up to `count` samples after those still to be played; returns how many it took (0 when
  // its buffer is full). Never waits. When it runs dry it outputs silence.
  virtual std::size_t write(const std::int16_t* samples, std::size_t count) = 0;
  // Samples taken but not yet played.
  virtual std::size_t pending() const = 0;
};

}  // namespace hil::core
