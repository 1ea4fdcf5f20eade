// Sound files through libsndfile (Debian libsndfile1-dev): any format it reads, as float frames at
// the file's own rate and channel count; and the protocol's PCM written as a 16 kHz mono WAV.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware_core/audio/pcm.h"

namespace hil::bench {

struct Sound {
  int rate_hz = 0;
  int channels = 0;
  std::vector<float> frames;  // interleaved, full scale is +-1
};

// The whole file; nullopt and why when it cannot be read or holds no audio.
std::optional<Sound> read_sound_file(const std::string& path, std::string& error);
// A file's bytes already in memory (a child process's stdout); `what` names them in errors.
std::optional<Sound> read_sound_bytes(std::string_view bytes, const std::string& what,
                                      std::string& error);
// Writes `samples` as a 16 kHz mono 16-bit WAV file; false and why when it cannot.
bool write_protocol_wav(const std::string& path, audio::PcmView samples, std::string& error);

}  // namespace hil::bench
