// A microphone on a real input device through PortAudio: the core's AudioSource (16 kHz mono
// int16, read without waiting), for `hilbench sim esp32-audio --mic portaudio[:DEVICE]`.
//
// PortAudio's callback pushes each captured buffer into a lock-free single-producer,
// single-consumer ring and read() pops from it, so neither side ever waits for the other. (The
// blocking API's reads would not wait either when asked for no more than is available, but they
// leave the samples in the host's own buffer, whose size the host picks; the ring's size is ours.)
#pragma once

#include <atomic>
#include <boost/lockfree/spsc_queue.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "bench/audio/portaudio_stream.h"
#include "firmware_core/ports/audio_source.h"

namespace hil::bench {

class PortAudioMicrophone : public core::AudioSource {
 public:
  // 1 s: the core reads every 100 ms block (AudioDeviceOptions::mic_block_samples), so it can be
  // 900 ms late on a loaded machine before a sample is lost. Reading it empty adds no delay.
  static constexpr std::size_t kDefaultBufferSamples = 16000;

  // Starts capturing from the input device `device_text` names (see find_audio_device: "" is the
  // default one). Returns nullptr and the reason on failure.
  static std::unique_ptr<PortAudioMicrophone> open(
      std::shared_ptr<PortAudioSession> session, const std::string& device_text, std::string& error,
      std::size_t buffer_samples = kDefaultBufferSamples);
  PortAudioMicrophone(const PortAudioMicrophone&) = delete;
  PortAudioMicrophone& operator=(const PortAudioMicrophone&) = delete;

  // The samples captured and not read yet, oldest first, up to `capacity`. Never waits. Call it
  // from one thread only (the ring has one consumer).
  std::size_t read(std::int16_t* out, std::size_t capacity) override;

  // Captured samples lost because the buffer was full (read() was not called soon enough).
  std::uint64_t overflowed_samples() const { return overflowed_samples_.load(); }
  // Buffers PortAudio flagged as having lost input before they reached us (paInputOverflow:
  // its own callback came too late); PortAudio does not say how many samples.
  std::uint64_t device_overflows() const { return device_overflows_.load(); }
  std::size_t buffer_samples() const { return buffer_samples_; }
  const PortAudioStream& stream() const { return *stream_; }

 private:
  explicit PortAudioMicrophone(std::size_t buffer_samples)
      : buffer_samples_(buffer_samples), ring_(buffer_samples) {}
  static PaStreamCallback on_audio;

  std::size_t buffer_samples_;
  boost::lockfree::spsc_queue<std::int16_t> ring_;
  std::atomic<std::uint64_t> overflowed_samples_{0};
  std::atomic<std::uint64_t> device_overflows_{0};
  // Last, so it is destroyed first: the callback stops before the ring and counters go.
  std::unique_ptr<PortAudioStream> stream_;
};

}  // namespace hil::bench
