// One running PortAudio stream in one direction, in the protocol's format (16 kHz, mono, int16),
// on the device a DEVICE text names; stopped and closed when destroyed.
#pragma once

#include <portaudio.h>

#include <memory>
#include <string>

#include "bench/audio/audio_devices.h"
#include "bench/audio/portaudio_session.h"

namespace hil::bench {

class PortAudioStream {
 public:
  // Opens the device `device_text` names (see find_audio_device) and starts it; `callback` then
  // runs on PortAudio's thread with `user_data` until the stream is destroyed. Returns nullptr and
  // the reason (no such device, or the device refused 16 kHz mono int16) on failure.
  static std::unique_ptr<PortAudioStream> open(std::shared_ptr<PortAudioSession> session,
                                               AudioDirection direction,
                                               const std::string& device_text,
                                               PaStreamCallback* callback, void* user_data,
                                               std::string& error);
  // Stops the stream, letting what the device holds play out, then closes it.
  ~PortAudioStream();
  PortAudioStream(const PortAudioStream&) = delete;
  PortAudioStream& operator=(const PortAudioStream&) = delete;

  const AudioDeviceInfo& device() const { return device_; }
  // The device's own buffering, as PortAudio reports it for the open stream.
  double latency_s() const;
  // False once the stream has stopped by itself (the device failed or went away).
  bool active() const;

 private:
  PortAudioStream(std::shared_ptr<PortAudioSession> session, AudioDeviceInfo device,
                  AudioDirection direction, PaStream* stream)
      : session_(std::move(session)),
        device_(std::move(device)),
        direction_(direction),
        stream_(stream) {}

  std::shared_ptr<PortAudioSession> session_;
  AudioDeviceInfo device_;
  AudioDirection direction_;
  PaStream* stream_;
};

}  // namespace hil::bench
