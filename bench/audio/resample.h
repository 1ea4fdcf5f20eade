// Sound of any rate and channel count made into the protocol's PCM (16 kHz mono int16): channels
// averaged, the rate converted with libsamplerate (Debian libsamplerate0-dev, its
// SRC_SINC_MEDIUM_QUALITY converter), samples scaled to 16 bits with clipping.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bench/audio/wav_file.h"
#include "firmware_core/audio/pcm.h"

namespace hil::bench {

// The samples; nullopt and why when libsamplerate refuses the conversion.
std::optional<std::vector<audio::Sample>> to_protocol_pcm(const Sound& sound, std::string& error);

// The sound is already 16 kHz mono: no conversion is needed.
bool is_protocol_format(const Sound& sound);

}  // namespace hil::bench
