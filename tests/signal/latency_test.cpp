// Latency by correlation: a burst found at its delay to the sample, through gain, noise and tones.
#include "bench/signal/latency.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "firmware_core/audio/tones.h"

namespace hil::signal {
namespace {

// `burst` placed `delay` samples into `length` samples of a 300 Hz hum, scaled by `gain`.
std::vector<audio::Sample> recording_with(const std::vector<audio::Sample>& burst,
                                          std::size_t delay, std::size_t length, double gain,
                                          double hum) {
  std::vector<audio::Sample> out;
  audio::append_sine(out, 300.0, length, hum);
  for (std::size_t i = 0; i < burst.size() && delay + i < length; ++i) {
    out[delay + i] = static_cast<audio::Sample>(out[delay + i] + burst[i] * gain);
  }
  return out;
}

TEST(Latency, TheBurstIsWhiteAndRepeatable) {
  const auto a = pn_burst(1024, 7);
  EXPECT_EQ(a, pn_burst(1024, 7));
  EXPECT_NE(a, pn_burst(1024, 8));
  long sum = 0;
  for (const audio::Sample s : a) sum += s;
  EXPECT_LT(std::labs(sum) / 8000, 100);  // about as many of each sign
}

TEST(Latency, FindsTheDelayToTheSample) {
  const auto burst = pn_burst(1600, 3);
  for (const std::size_t delay : {0u, 1u, 777u, 2400u, 14399u}) {
    const auto recording = recording_with(burst, delay, 16000, 1.0, 0.0);
    const LatencyMeasurement m = measure_latency(burst, recording);
    EXPECT_TRUE(m.found) << delay;
    EXPECT_EQ(m.lag_samples, delay);
    EXPECT_NEAR(m.confidence, 1.0, 1e-3) << delay;
  }
}

TEST(Latency, SurvivesAttenuationAndAHumAsLoudAsTheBurst) {
  const auto burst = pn_burst(1600, 5);
  const auto recording = recording_with(burst, 1234, 16000, 0.25, 2000.0);
  const LatencyMeasurement m = measure_latency(burst, recording);
  EXPECT_TRUE(m.found);
  EXPECT_EQ(m.lag_samples, 1234u);
  EXPECT_EQ(m.latency, std::chrono::microseconds(77125));
  EXPECT_LT(m.confidence, 0.9);
}

TEST(Latency, ARecordingWithoutTheBurstHasNoConfidence) {
  std::vector<audio::Sample> hum;
  audio::append_sine(hum, 440.0, 16000, 8000.0);
  const LatencyMeasurement m = measure_latency(pn_burst(1600, 9), hum);
  EXPECT_FALSE(m.found);
  EXPECT_LT(m.confidence, kMinConfidence);
}

TEST(Latency, ARecordingShorterThanTheBurstFindsNothing) {
  EXPECT_FALSE(measure_latency(pn_burst(1600), pn_burst(800)).found);
}

}  // namespace
}  // namespace hil::signal
