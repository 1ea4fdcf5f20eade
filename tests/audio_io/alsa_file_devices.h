// Audio devices with no sound card: ALSA `file` plugins declared in a private configuration, so
// PortAudio captures from a raw file and plays into raw files, as fast as the CPU allows (their
// slave is ALSA's `null` device, which has no clock).
//
//   hilbench_mic            captures the test tone (test_tone.h) from mic_in.raw (raw S16_LE
//                           16 kHz mono), then repeats its last buffer: ALSA reads nothing more
//                           and leaves the buffer as it was
//   hilbench_speaker        plays into speaker_out.raw at 16 kHz
//   hilbench_speaker_48k    plays into speaker_48k_out.raw at 48 kHz (ALSA's plug converts)
//
// The configuration includes Debian's alsa.conf first (its defaults and plugin types), then
// declares the three; ALSA_CONFIG_PATH points ALSA at it until the object goes. ALSA reads it when
// PortAudio starts, so make this before opening a PortAudioSession.
#pragma once

#include <string>
#include <vector>

#include "firmware_core/audio/pcm.h"
#include "tests/bench_io/temp_dir.h"

namespace hil::bench::testing {

class AlsaFileDevices {
 public:
  static constexpr const char* kMic = "hilbench_mic";
  static constexpr const char* kSpeaker = "hilbench_speaker";
  static constexpr const char* kSpeaker48k = "hilbench_speaker_48k";

  AlsaFileDevices();
  ~AlsaFileDevices();
  AlsaFileDevices(const AlsaFileDevices&) = delete;
  AlsaFileDevices& operator=(const AlsaFileDevices&) = delete;

  // Everything hilbench_speaker (or hilbench_speaker_48k) has played, once its stream is closed
  // (ALSA writes the file in pieces and the rest when the stream stops).
  std::vector<audio::Sample> speaker_output() const;
  std::vector<audio::Sample> speaker_48k_output() const;

 private:
  TempDir dir_;
  bool had_config_path_ = false;
  std::string saved_config_path_;
};

}  // namespace hil::bench::testing
