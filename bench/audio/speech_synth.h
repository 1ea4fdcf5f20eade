// Text to speech with espeak-ng (Debian espeak-ng) run as a child process: `espeak-ng --stdout
// TEXT` writes a WAV (22050 Hz mono) on its stdout, read here through libsndfile.
#pragma once

#include <optional>
#include <string>

#include "bench/audio/wav_file.h"

namespace hil::bench {

// The spoken text at espeak-ng's rate; nullopt and why when espeak-ng is missing, fails or takes
// longer than 30 s.
std::optional<Sound> synthesize_speech(const std::string& text, std::string& error);

}  // namespace hil::bench
