// Tone generation: sines for signals and tests, and the named tones the device plays for
// server_command play_tone (the spec names "ack"; the others are this firmware's own).
//
//   ack    997 Hz for 120 ms (997, not 1000: AES17's choice, so the sine is not 16 repeating
//   values) error  440 Hz 150 ms, 50 ms silence, 440 Hz 150 ms ready  660 Hz 80 ms, then 880 Hz 80
//   ms
//
// Every tone is at -12 dBFS with 5 ms raised-cosine ramps at each end so it does not click.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "firmware_core/audio/pcm.h"

namespace hil::audio {

inline constexpr double kToneAmplitude = 8231.0;     // -12 dBFS of 32767
inline constexpr std::size_t kToneRampSamples = 80;  // 5 ms

// Appends `count` samples of a sine (amplitude in sample units, phase in radians at the first).
void append_sine(std::vector<Sample>& out, double freq_hz, std::size_t count, double amplitude,
                 double phase = 0.0);
// Appends the sum of two sines of equal amplitude (a dual-tone pair).
void append_dual_tone(std::vector<Sample>& out, double low_hz, double high_hz, std::size_t count,
                      double amplitude);
// Fades the first and last `ramp` samples in and out with a raised cosine.
void apply_ramps(std::vector<Sample>& samples, std::size_t ramp);

// The samples of a named tone; nullopt for a name not in the table.
std::optional<std::vector<Sample>> render_tone(std::string_view name);
// The names of the table, in its order.
std::vector<std::string_view> tone_names();

}  // namespace hil::audio
