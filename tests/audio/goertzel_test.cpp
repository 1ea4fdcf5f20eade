// Goertzel amplitudes and the tone peak search against the +-1.5 % accept band.
#include "firmware_core/audio/goertzel.h"

#include <gtest/gtest.h>

#include "firmware_core/audio/tones.h"

namespace hil::audio {
namespace {

std::vector<Sample> sine(double freq_hz, std::size_t count, double amplitude = 10000.0) {
  std::vector<Sample> out;
  append_sine(out, freq_hz, count, amplitude);
  return out;
}

TEST(Goertzel, ReadsTheAmplitudeOfAToneAtItsFrequency) {
  EXPECT_NEAR(tone_amplitude(sine(997.0, 1600), 997.0), 10000.0, 50.0);
}

TEST(Goertzel, ReadsLittleFarFromTheTone) {
  EXPECT_LT(tone_amplitude(sine(997.0, 1600), 1500.0), 50.0);
}

TEST(Goertzel, ThePeakSearchFindsTheFrequencyWithinATenthOfAPercent) {
  for (const double freq : {697.0, 941.0, 1209.0, 1633.0}) {
    const TonePeak peak = find_tone_peak(sine(freq * 1.012, 320), freq, 0.05);
    EXPECT_NEAR(peak.freq_hz, freq * 1.012, freq * 0.001) << freq;
    EXPECT_NEAR(peak.amplitude, 10000.0, 300.0) << freq;
  }
}

TEST(Goertzel, TonesInsideTheAcceptBandAreAcceptedAndOnesOutsideRejected) {
  const double nominal = 770.0;
  for (const double offset : {-0.013, -0.005, 0.0, 0.005, 0.013}) {
    const TonePeak peak = find_tone_peak(sine(nominal * (1 + offset), 320), nominal, 0.05);
    EXPECT_TRUE(within_band(peak.freq_hz, nominal, 0.015)) << offset;
  }
  for (const double offset : {-0.035, -0.017, 0.017, 0.035, 0.2}) {
    const TonePeak peak = find_tone_peak(sine(nominal * (1 + offset), 320), nominal, 0.05);
    EXPECT_FALSE(within_band(peak.freq_hz, nominal, 0.015)) << offset;
  }
}

TEST(Goertzel, OneToneOfAPairIsMeasuredDespiteTheOther) {
  std::vector<Sample> pair;
  append_dual_tone(pair, 697.0, 1209.0, 320, 8000.0);
  const TonePeak low = find_tone_peak(pair, 697.0, 0.05);
  EXPECT_NEAR(low.freq_hz, 697.0, 0.7);
  EXPECT_NEAR(low.amplitude, 8000.0, 200.0);
}

}  // namespace
}  // namespace hil::audio
