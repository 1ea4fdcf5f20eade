// The microphone port: a capture device (I2S DMA on the ESP32) that fills samples at its own rate
// (16 kHz mono int16, the protocol's format) and hands over what it has captured when asked.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hil::core {

class AudioSource {
 public:
  virtual ~AudioSource() = default;
  // Copies up to `capacity` captured samples not read before into `out`, oldest first; returns
  // how many (0 when none are ready). Never waits.
  virtual std::size_t read(std::int16_t* out, std::size_t capacity) = 0;
};

}  // namespace hil::core
