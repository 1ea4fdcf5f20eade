// PortAudio for one process: initialised when the first session opens and terminated when the
// last one goes (PortAudio counts them), with the devices it found when it started.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "bench/audio/audio_devices.h"

namespace hil::bench {

class PortAudioSession {
 public:
  // Starts PortAudio, which lists the devices then (ALSA reads its configuration, including
  // ALSA_CONFIG_PATH, at this point). Returns nullptr and PortAudio's reason on failure.
  // Streams hold the session, so PortAudio stays up until the last of them is closed.
  static std::shared_ptr<PortAudioSession> open(std::string& error);
  ~PortAudioSession();
  PortAudioSession(const PortAudioSession&) = delete;
  PortAudioSession& operator=(const PortAudioSession&) = delete;

  const std::vector<AudioDeviceInfo>& devices() const { return devices_; }

 private:
  explicit PortAudioSession(std::vector<AudioDeviceInfo> devices) : devices_(std::move(devices)) {}

  std::vector<AudioDeviceInfo> devices_;
};

// PortAudio's text for an error code, with the host API's own message when it has one.
std::string portaudio_error_text(int pa_error);

}  // namespace hil::bench
