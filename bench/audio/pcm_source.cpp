// wav:FILE and say:TEXT as 16 kHz mono PCM.
#include "bench/audio/pcm_source.h"

#include "bench/audio/resample.h"
#include "bench/audio/speech_synth.h"
#include "bench/audio/wav_file.h"

namespace hil::bench {
namespace {

constexpr std::string_view kWav = "wav:";
constexpr std::string_view kSay = "say:";

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

bool is_pcm_source(const std::string& spec) {
  return starts_with(spec, kWav) || starts_with(spec, kSay);
}

std::optional<std::vector<audio::Sample>> load_pcm(const std::string& spec, const Logger& log,
                                                   std::string& error) {
  std::optional<Sound> sound;
  if (starts_with(spec, kWav)) {
    sound = read_sound_file(spec.substr(kWav.size()), error);
  } else if (starts_with(spec, kSay)) {
    sound = synthesize_speech(spec.substr(kSay.size()), error);
  } else {
    error = "'" + spec + "' is neither wav:FILE nor say:TEXT";
    return std::nullopt;
  }
  if (!sound) return std::nullopt;
  if (!is_protocol_format(*sound)) {
    log.info(spec + ": " + std::to_string(sound->rate_hz) + " Hz, " +
             std::to_string(sound->channels) + " channel(s): resampled to 16 kHz mono");
  }
  auto samples = to_protocol_pcm(*sound, error);
  if (samples) {
    log.info(spec + ": " + std::to_string(samples->size()) + " samples (" +
             std::to_string(samples->size() * 1000 / audio::kSampleRateHz) + " ms)");
  }
  return samples;
}

}  // namespace hil::bench
