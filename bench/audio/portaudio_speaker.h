// A speaker on a real output device through PortAudio: the core's AudioSink (16 kHz mono int16,
// written without waiting), for `hilbench sim esp32-audio --speaker portaudio[:DEVICE]`.
//
// write() pushes into a lock-free single-producer, single-consumer ring that PortAudio's callback
// pops from; when the ring is dry the callback plays silence.
#pragma once

#include <atomic>
#include <boost/lockfree/spsc_queue.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "bench/audio/portaudio_stream.h"
#include "firmware_core/ports/audio_sink.h"

namespace hil::bench {

class PortAudioSpeaker : public core::AudioSink {
 public:
  // 4096 samples (256 ms): the core tops the speaker up every 10 ms
  // (AudioDeviceOptions::feed_period), so it may be about 250 ms late before the speaker runs dry,
  // while a cleared playback still stops within a quarter of a second (what is in here plays out).
  // An ESP32's I2S DMA holds less (the simulated one 512 samples); ESPHome's speaker 500 ms.
  static constexpr std::size_t kDefaultBufferSamples = 4096;

  // Starts playing (silence, until written to) on the output device `device_text` names (see
  // find_audio_device: "" is the default one). Returns nullptr and the reason on failure.
  static std::unique_ptr<PortAudioSpeaker> open(std::shared_ptr<PortAudioSession> session,
                                                const std::string& device_text, std::string& error,
                                                std::size_t buffer_samples = kDefaultBufferSamples);
  PortAudioSpeaker(const PortAudioSpeaker&) = delete;
  PortAudioSpeaker& operator=(const PortAudioSpeaker&) = delete;

  // Queues what fits of `samples` after those queued before; returns how many. Never waits. Call
  // write() and pending() from one thread only (the ring has one producer).
  std::size_t write(const std::int16_t* samples, std::size_t count) override;
  // Samples queued and not yet handed to the device; the device then holds about
  // stream().latency_s() more before they are heard.
  std::size_t pending() const override;

  // Samples handed to the device so far.
  std::uint64_t samples_played() const { return samples_played_.load(); }
  // Times queued audio ran out and silence followed: a gap in the middle of audio, and also the
  // end of each stretch of it.
  std::uint64_t underruns() const { return underruns_.load(); }
  // Buffers PortAudio flagged as played out before our callback filled them (paOutputUnderflow:
  // its own callback came too late).
  std::uint64_t device_underflows() const { return device_underflows_.load(); }
  std::size_t buffer_samples() const { return buffer_samples_; }
  const PortAudioStream& stream() const { return *stream_; }

 private:
  explicit PortAudioSpeaker(std::size_t buffer_samples)
      : buffer_samples_(buffer_samples), ring_(buffer_samples) {}
  static PaStreamCallback on_audio;

  std::size_t buffer_samples_;
  boost::lockfree::spsc_queue<std::int16_t> ring_;
  bool playing_ = false;  // the callback's own: the last buffer ended in queued audio
  std::atomic<std::uint64_t> samples_played_{0};
  std::atomic<std::uint64_t> underruns_{0};
  std::atomic<std::uint64_t> device_underflows_{0};
  // Last, so it is destroyed first: the callback stops before the ring and counters go.
  std::unique_ptr<PortAudioStream> stream_;
};

}  // namespace hil::bench
