// Goertzel's algorithm: the amplitude of one frequency in a block of samples, and the strongest
// frequency near a nominal one. The block is Hann-windowed so a second tone (the other half of a
// dual-tone pair) leaks little into the one measured.
#pragma once

#include "firmware_core/audio/pcm.h"

namespace hil::audio {

// The amplitude (peak, in sample units) of a sinusoid at `freq_hz` in `samples`: a full-scale sine
// at exactly that frequency reads about 32767.
double tone_amplitude(PcmView samples, double freq_hz, int rate_hz = kSampleRateHz);

struct TonePeak {
  double freq_hz = 0.0;    // where the amplitude is largest
  double amplitude = 0.0;  // the amplitude there, as tone_amplitude() gives it
};

// The strongest frequency within nominal_hz * (1 +- search_fraction), refined between the points
// of a grid of 0.25 % steps. A tone outside the range shows as a peak at its edge.
TonePeak find_tone_peak(PcmView samples, double nominal_hz, double search_fraction,
                        int rate_hz = kSampleRateHz);

// True when `measured_hz` is within nominal_hz * (1 +- fraction).
bool within_band(double measured_hz, double nominal_hz, double fraction);

}  // namespace hil::audio
