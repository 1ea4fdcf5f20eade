// Segments of generated signals: silence, tones (with their fades), a dual tone and noise.
#include "bench/signal/sound_segments.h"

#include <gtest/gtest.h>

#include <random>

#include "firmware_core/audio/tones.h"

namespace hil::signal {
namespace {

std::vector<SoundSegment> segments_of(const std::vector<audio::Sample>& samples,
                                      std::size_t chunk = 160) {
  std::vector<SoundSegment> out;
  SoundSegmenter segmenter([&out](const SoundSegment& segment) { out.push_back(segment); });
  for (std::size_t i = 0; i < samples.size(); i += chunk)  // fed in pieces, as a speaker plays
    segmenter.feed(audio::PcmView(samples).slice(i, chunk));
  segmenter.finish();
  return out;
}

void append_silence(std::vector<audio::Sample>& out, std::size_t count) {
  out.insert(out.end(), count, 0);
}

TEST(SoundSegments, ToneBetweenSilencesIsOneSegmentWithItsFrequencyAndLevel) {
  std::vector<audio::Sample> samples;
  append_silence(samples, 1600);
  audio::append_sine(samples, 1000.0, 3200, 8231.0);  // 200 ms at -12 dBFS
  append_silence(samples, 1600);
  const auto segments = segments_of(samples);
  ASSERT_EQ(segments.size(), 3u);
  EXPECT_EQ(segments[0].kind, SoundKind::kSilence);
  EXPECT_EQ(segments[1].kind, SoundKind::kTone);
  EXPECT_NEAR(segments[1].freq_hz, 1000.0, 1000.0 * SoundSegmenter::kSameToneFraction);
  EXPECT_EQ(segments[1].start_sample, 1600u);
  EXPECT_EQ(segments[1].samples, 3200u);
  EXPECT_NEAR(segments[1].rms_dbfs, -15.0, 0.5);  // a sine's RMS is 3 dB under its peak
  EXPECT_EQ(segments[2].kind, SoundKind::kSilence);
}

TEST(SoundSegments, TheNamedAckToneIsATone) {
  std::vector<audio::Sample> samples;
  append_silence(samples, 800);
  const auto ack = audio::render_tone("ack");
  ASSERT_TRUE(ack);
  samples.insert(samples.end(), ack->begin(), ack->end());
  append_silence(samples, 800);
  const auto segments = segments_of(samples);
  ASSERT_EQ(segments.size(), 3u);
  EXPECT_EQ(segments[1].kind, SoundKind::kTone);
  EXPECT_NEAR(segments[1].freq_hz, 997.0, 997.0 * SoundSegmenter::kSameToneFraction);
  EXPECT_GE(segments[1].samples, 1600u);  // 120 ms, give or take the blocks of its fades
}

TEST(SoundSegments, TwoTonesInARowAreTwoSegments) {
  std::vector<audio::Sample> samples;
  audio::append_sine(samples, 660.0, 1600, 8231.0);
  audio::append_sine(samples, 880.0, 1600, 8231.0);
  const auto segments = segments_of(samples);
  ASSERT_EQ(segments.size(), 2u);
  EXPECT_NEAR(segments[0].freq_hz, 660.0, 10.0);
  EXPECT_NEAR(segments[1].freq_hz, 880.0, 12.0);
}

TEST(SoundSegments, ADualToneAndNoiseAreSoundNotATone) {
  std::vector<audio::Sample> samples;
  audio::append_dual_tone(samples, 697.0, 1209.0, 3200, 4000.0);
  std::mt19937 random(7);
  std::normal_distribution<double> noise(0.0, 3000.0);
  for (int i = 0; i < 3200; ++i) samples.push_back(static_cast<audio::Sample>(noise(random)));
  const auto segments = segments_of(samples);
  ASSERT_EQ(segments.size(), 1u) << "both are other sound, one after the other";
  EXPECT_EQ(segments[0].kind, SoundKind::kSound);
  EXPECT_EQ(segments[0].samples, 6400u);
}

TEST(SoundSegments, ClippedSamplesAreCounted) {
  std::vector<audio::Sample> samples;
  audio::append_sine(samples, 500.0, 3200, 40000.0);  // beyond full scale: the peaks clip
  const auto segments = segments_of(samples);
  ASSERT_FALSE(segments.empty());
  EXPECT_GT(segments[0].clipped, 0u);
}

TEST(SoundSegments, TheSegmentUnderWayIsVisibleBeforeItEnds) {
  SoundSegmenter segmenter([](const SoundSegment&) {});
  std::vector<audio::Sample> samples;
  audio::append_sine(samples, 1000.0, 1600, 8231.0);
  segmenter.feed(samples);
  ASSERT_TRUE(segmenter.current());
  EXPECT_EQ(segmenter.current()->kind, SoundKind::kTone);
  EXPECT_EQ(segmenter.current()->samples, 1600u);
}

}  // namespace
}  // namespace hil::signal
