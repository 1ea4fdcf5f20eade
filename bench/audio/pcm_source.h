// Audio named on a command line as the protocol's PCM: `wav:FILE` (any file libsndfile reads) or
// `say:TEXT` (espeak-ng), converted to 16 kHz mono when it is not (and the log says so).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bench/log/logger.h"
#include "firmware_core/audio/pcm.h"

namespace hil::bench {

// True for the two forms load_pcm() takes.
bool is_pcm_source(const std::string& spec);
// The samples; nullopt and why when the spec is neither form or the audio cannot be had.
std::optional<std::vector<audio::Sample>> load_pcm(const std::string& spec, const Logger& log,
                                                   std::string& error);

}  // namespace hil::bench
