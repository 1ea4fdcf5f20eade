// What the audio rows' links carry, as JSON: a `mic` signal a scenario sends (made into samples),
// a `speaker` report of one segment the device played and how expects compare with it, and the
// summary of a binary frame that traces keep instead of its PCM.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/signal/sound_segments.h"
#include "firmware_core/audio/pcm.h"

namespace hil::scenario {

// Where the plan's service listens, and its boards dial, unless told otherwise.
inline constexpr const char* kDefaultUrl = "ws://127.0.0.1:8765/ws";

// {tone_hz: 1000, ms: 500, dbfs: -12}, {dual_hz: [697, 1209], ms: 200, dbfs: -12},
// {noise_ms: 300, dbfs: -30} (seeded white noise) or {silence_ms: 200}; dbfs (the peak level)
// defaults to -12. Samples, or an empty result and why.
std::vector<audio::Sample> mic_signal(const nlohmann::json& signal, std::uint64_t seed,
                                      std::string& error);
// Why mic_signal() would refuse the signal; "" when it makes samples.
std::string check_mic_signal(const nlohmann::json& signal);
// The keys mic_signal() reads, for the row's documentation.
extern const char* const kMicSignalForm;

// {kind: tone, tone_hz: 997.1, ms: 120, start_ms: 3410, rms_dbfs: -15.0, peak_dbfs: -12.0,
// clipped: 0} (no tone_hz for silence and other sound); times from the speaker's first sample.
nlohmann::json speaker_report(const signal::SoundSegment& segment);
// How an expect on `speaker` compares: tone_hz within +-1.5 % (ITU-T Q.24's accept band) of a
// tone's, min_ms/max_ms bound its length, silence_ms and sound_ms ask for a silence or other
// sound at least that long, min_dbfs/max_dbfs bound its RMS level; other keys as given.
bool speaker_matches(const nlohmann::json& report, const nlohmann::json& expected);
extern const char* const kSpeakerMatchForm;

// {dir: sent|received, bytes: 3200, samples: 1600, rms_dbfs: -15.0, hash: "9f1c..."} (FNV-1a of
// the bytes), with the bytes themselves as Base64 under `pcm` when asked to keep them.
nlohmann::json frame_summary(bool sent, std::string_view bytes, bool keep_pcm = false);

}  // namespace hil::scenario
