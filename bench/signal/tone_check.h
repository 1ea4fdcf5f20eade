// Is a tone there, at the frequency it should be? Goertzel's peak within +-5 % of the nominal
// frequency (firmware_core/audio/goertzel.h), accepted within +-1.5 % (the DTMF accept band of
// ITU-T Q.24, which also rejects beyond +-3.5 %): catches a 16000/22050 rate mix-up (-27 %) and
// any smaller clock error past the band.
#pragma once

#include "firmware_core/audio/pcm.h"

namespace hil::signal {

inline constexpr double kQ24AcceptFraction = 0.015;

struct ToneCheck {
  double freq_hz = 0.0;     // where the peak is
  double deviation = 0.0;   // (freq_hz - nominal) / nominal
  double level_dbfs = 0.0;  // the tone's RMS in dBFS (levels.h)
  double share = 0.0;       // the tone's RMS over the recording's RMS (1: nothing else)
  bool in_band = false;     // |deviation| within the accept fraction
};

ToneCheck check_tone(audio::PcmView samples, double nominal_hz,
                     double accept_fraction = kQ24AcceptFraction);

}  // namespace hil::signal
