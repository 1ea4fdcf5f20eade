// Writes the capture file and the ALSA configuration, and reads back what the speakers wrote.
#include "tests/audio_io/alsa_file_devices.h"

#include <stdlib.h>

#include <fstream>
#include <iterator>

#include "tests/audio_io/test_tone.h"

namespace hil::bench::testing {
namespace {

// A `file` plugin on `null` behind `plug`, which converts whatever PortAudio opens to the file's
// fixed layout: raw S16_LE, mono, `rate_hz`.
std::string file_device(const std::string& name, const std::string& file_fields, int rate_hz) {
  return "pcm." + name +
         " {\n"
         "  type plug\n"
         "  slave {\n"
         "    pcm { type file slave.pcm \"null\" format \"raw\" " +
         file_fields +
         " }\n"
         "    format S16_LE\n"
         "    channels 1\n"
         "    rate " +
         std::to_string(rate_hz) +
         "\n"
         "  }\n"
         "}\n";
}

std::vector<audio::Sample> read_raw(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return audio::decode_pcm(bytes);
}

}  // namespace

AlsaFileDevices::AlsaFileDevices() {
  std::ofstream(dir_.file("mic_in.raw"), std::ios::binary) << audio::encode_pcm(test_tone());
  // The file plugin always wants an output file; the microphone's copy of what it captured goes
  // nowhere.
  std::ofstream(dir_.file("asoundrc"))
      << "</usr/share/alsa/alsa.conf>\n"
      << file_device(kMic, "file \"/dev/null\" infile \"" + dir_.file("mic_in.raw") + "\"",
                     audio::kSampleRateHz)
      << file_device(kSpeaker, "file \"" + dir_.file("speaker_out.raw") + "\"",
                     audio::kSampleRateHz)
      << file_device(kSpeaker48k, "file \"" + dir_.file("speaker_48k_out.raw") + "\"", 48000);
  if (const char* previous = ::getenv("ALSA_CONFIG_PATH")) {
    had_config_path_ = true;
    saved_config_path_ = previous;
  }
  ::setenv("ALSA_CONFIG_PATH", dir_.file("asoundrc").c_str(), 1);
}

AlsaFileDevices::~AlsaFileDevices() {
  if (had_config_path_) {
    ::setenv("ALSA_CONFIG_PATH", saved_config_path_.c_str(), 1);
  } else {
    ::unsetenv("ALSA_CONFIG_PATH");
  }
}

std::vector<audio::Sample> AlsaFileDevices::speaker_output() const {
  return read_raw(dir_.file("speaker_out.raw"));
}

std::vector<audio::Sample> AlsaFileDevices::speaker_48k_output() const {
  return read_raw(dir_.file("speaker_48k_out.raw"));
}

}  // namespace hil::bench::testing
