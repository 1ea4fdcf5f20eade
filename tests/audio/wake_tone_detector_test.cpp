// Wake tone pair recognition: the accept band, the shortest tone, once per appearance.
#include "firmware_core/audio/wake_tone_detector.h"

#include <gtest/gtest.h>

#include "firmware_core/audio/tones.h"

namespace hil::audio {
namespace {

// The pair after `lead` samples of silence, then 800 of silence.
std::vector<Sample> pair_for(double scale, std::size_t count, std::size_t lead = 400,
                             double low = 697.0, double high = 1209.0) {
  std::vector<Sample> out(lead, 0);
  append_dual_tone(out, low * scale, high * scale, count, 6000.0);
  out.resize(out.size() + 800, 0);
  return out;
}

TEST(WakeToneDetector, FindsThePairAtItsNominalFrequencies) {
  WakeToneDetector detector;
  EXPECT_TRUE(detector.feed(pair_for(1.0, 3200)));
  EXPECT_EQ(detector.detections(), 1u);
}

TEST(WakeToneDetector, AcceptsWithinOnePointFivePercent) {
  for (const double scale : {0.987, 1.013}) {
    WakeToneDetector detector;
    EXPECT_TRUE(detector.feed(pair_for(scale, 3200))) << scale;
  }
}

TEST(WakeToneDetector, RejectsBeyondTheBand) {
  for (const double scale : {0.965, 0.982, 1.018, 1.035}) {
    WakeToneDetector detector;
    EXPECT_FALSE(detector.feed(pair_for(scale, 3200))) << scale;
  }
}

TEST(WakeToneDetector, OneToneOfThePairIsNotEnough) {
  WakeToneDetector detector;
  std::vector<Sample> single;
  append_sine(single, 697.0, 3200, 8000.0);
  EXPECT_FALSE(detector.feed(single));
}

TEST(WakeToneDetector, A30MsPairIsNeverDetectedAndAn80MsPairAlwaysIs) {
  for (std::size_t lead = 0; lead < 320; lead += 40) {
    WakeToneDetector short_one;
    EXPECT_FALSE(short_one.feed(pair_for(1.0, 480, lead))) << lead;
    WakeToneDetector long_one;
    EXPECT_TRUE(long_one.feed(pair_for(1.0, 1280, lead))) << lead;
  }
}

TEST(WakeToneDetector, ReportsOncePerAppearanceInAnyChunking) {
  WakeToneDetector detector;
  std::vector<Sample> twice = pair_for(1.0, 3200);
  const std::vector<Sample> again = pair_for(1.0, 3200);
  twice.insert(twice.end(), again.begin(), again.end());
  int found = 0;
  for (std::size_t at = 0; at < twice.size(); at += 333) {
    found += detector.feed(PcmView(twice).slice(at, 333)) ? 1 : 0;
  }
  EXPECT_EQ(found, 2);
  EXPECT_EQ(detector.detections(), 2u);
}

TEST(WakeToneDetector, SilenceAndQuietNoiseDetectNothing) {
  WakeToneDetector detector;
  std::vector<Sample> quiet(16000, 0);
  for (std::size_t i = 0; i < quiet.size(); ++i)
    quiet[i] = static_cast<Sample>((i * 7919) % 61 - 30);
  EXPECT_FALSE(detector.feed(quiet));
}

}  // namespace
}  // namespace hil::audio
