// Tone checks on the accept band of ITU-T Q.24 and on the 16000/22050 rate mix-up.
#include "bench/signal/tone_check.h"

#include <gtest/gtest.h>

#include <cmath>

#include "firmware_core/audio/tones.h"

namespace hil::signal {
namespace {

std::vector<audio::Sample> sine(double freq_hz, double amplitude = 8231.0) {
  std::vector<audio::Sample> out;
  audio::append_sine(out, freq_hz, 640, amplitude);  // 40 ms: Q.24's shortest tone
  return out;
}

TEST(ToneCheck, AcceptsWithinOnePointFivePercent) {
  for (const double offset : {-0.014, -0.01, 0.0, 0.01, 0.014}) {
    const ToneCheck check = check_tone(sine(997.0 * (1 + offset)), 997.0);
    EXPECT_TRUE(check.in_band) << offset;
    EXPECT_NEAR(check.deviation, offset, 0.001) << offset;
  }
}

TEST(ToneCheck, RejectsBeyondOnePointFivePercent) {
  for (const double offset : {-0.035, -0.016, 0.016, 0.035}) {
    EXPECT_FALSE(check_tone(sine(997.0 * (1 + offset)), 997.0).in_band) << offset;
  }
}

TEST(ToneCheck, CatchesAToneResampledAtTheWrongRate) {
  // 997 Hz written for 22050 Hz and played at 16000 Hz: 723 Hz, 27 % low.
  EXPECT_FALSE(check_tone(sine(997.0 * 16000.0 / 22050.0), 997.0).in_band);
}

TEST(ToneCheck, ReadsTheTonesLevelAndShare) {
  const ToneCheck check = check_tone(*audio::render_tone("ack"), 997.0);
  EXPECT_TRUE(check.in_band);
  EXPECT_NEAR(check.share, 1.0, 0.05);
  EXPECT_NEAR(check.level_dbfs, -12.0 - 3.01, 0.5);
}

TEST(ToneCheck, AToneUnderNoiseHasASmallShare) {
  std::vector<audio::Sample> mixed = sine(997.0, 1000.0);
  std::vector<audio::Sample> other = sine(3000.0, 8000.0);
  for (std::size_t i = 0; i < mixed.size(); ++i) {
    mixed[i] = static_cast<audio::Sample>(mixed[i] + other[i]);
  }
  const ToneCheck check = check_tone(mixed, 997.0);
  EXPECT_TRUE(check.in_band);
  EXPECT_NEAR(check.share, 1000.0 / std::hypot(1000.0, 8000.0), 0.03);
}

}  // namespace
}  // namespace hil::signal
