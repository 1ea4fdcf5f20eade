// The report's waveform envelope: the extremes of each stretch, bounded however long the run.
#include "bench/signal/waveform_envelope.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace hil::signal {
namespace {

std::vector<audio::Sample> sine(double hz, int count, double amplitude) {
  std::vector<audio::Sample> out;
  out.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    out.push_back(static_cast<audio::Sample>(
        std::lround(amplitude * std::sin(2 * M_PI * hz * i / audio::kSampleRateHz))));
  return out;
}

TEST(WaveformEnvelope, EachBucketHoldsTheExtremesOfItsStretch) {
  WaveformEnvelope envelope;
  // 100 ms of a 1 kHz tone at half scale, its last sample heard at 1 s.
  envelope.add(1'000'000, sine(1000, 1600, 16384));
  const Waveform& wave = envelope.waveform();
  EXPECT_EQ(wave.bucket_us, 5000);
  ASSERT_EQ(wave.buckets.size(), 21u);  // 900.0625 ms .. 1000 ms spans 21 buckets of 5 ms
  EXPECT_EQ(wave.buckets.front().start_us, 900'000);
  EXPECT_EQ(wave.buckets.back().start_us, 1'000'000);
  for (std::size_t i = 1; i + 1 < wave.buckets.size(); ++i) {
    EXPECT_NEAR(wave.buckets[i].high, 16384, 1);
    EXPECT_NEAR(wave.buckets[i].low, -16384, 1);
  }
}

TEST(WaveformEnvelope, SilenceBetweenBlocksLeavesNoBuckets) {
  WaveformEnvelope envelope;
  envelope.add(10'000, std::vector<audio::Sample>(160, 100));    // 0 .. 10 ms
  envelope.add(510'000, std::vector<audio::Sample>(160, -200));  // 500 .. 510 ms
  const Waveform& wave = envelope.waveform();
  ASSERT_EQ(wave.buckets.size(), 6u);  // three each: 10 ms from just past a bucket's start
  EXPECT_EQ(wave.buckets[2].start_us, 10'000);
  EXPECT_EQ(wave.buckets[3].start_us, 500'000);
  EXPECT_EQ(wave.buckets[3].low, -200);
  EXPECT_EQ(wave.buckets[3].high, -200);
}

TEST(WaveformEnvelope, ALateBlockJoinsTheBucketsItBelongsTo) {
  WaveformEnvelope envelope;
  envelope.add(20'000, std::vector<audio::Sample>(320, 5));    // 0 .. 20 ms
  envelope.add(9'000, std::vector<audio::Sample>(16, -7000));  // 8 .. 9 ms, heard late
  const Waveform& wave = envelope.waveform();
  ASSERT_EQ(wave.buckets.size(), 5u);
  EXPECT_EQ(wave.buckets[1].start_us, 5000);
  EXPECT_EQ(wave.buckets[1].low, -7000);
  EXPECT_EQ(wave.buckets[1].high, 5);
  EXPECT_EQ(wave.buckets[2].low, 5);
}

TEST(WaveformEnvelope, TenMinutesOfSoundStaysWithinItsBucketsWithItsExtremesKept) {
  WaveformEnvelope envelope(1000);
  std::vector<audio::Sample> block(1600, 10);
  for (int second = 0; second < 600; ++second) {
    for (int tenth = 1; tenth <= 10; ++tenth) {
      block[0] = second == 300 && tenth == 5 ? audio::Sample(32000) : audio::Sample(10);
      envelope.add(second * 1'000'000LL + tenth * 100'000LL, block);
    }
  }
  const Waveform& wave = envelope.waveform();
  EXPECT_LE(wave.buckets.size(), 1000u);
  EXPECT_GE(wave.buckets.size(), 500u);  // as fine as the bound allows
  EXPECT_EQ(wave.bucket_us % 5000, 0);
  int peaks = 0;
  for (const WaveformBucket& bucket : wave.buckets) {
    EXPECT_EQ(bucket.start_us % wave.bucket_us, 0);
    peaks += bucket.high == 32000 ? 1 : 0;
  }
  EXPECT_EQ(peaks, 1);
}

}  // namespace
}  // namespace hil::signal

namespace hil::signal {
namespace {

TEST(WaveformEnvelope, BlocksOneAfterAnotherMakeOneBucketPerStretch) {
  WaveformEnvelope envelope;
  for (int block = 1; block <= 10; ++block)  // 20 ms blocks, one every 20 ms
    envelope.add(block * 20'000LL,
                 std::vector<audio::Sample>(320, static_cast<audio::Sample>(block)));
  const Waveform& wave = envelope.waveform();
  EXPECT_EQ(wave.bucket_us, 5000);
  ASSERT_EQ(wave.buckets.size(), 41u);  // 0 .. 200 ms
  for (std::size_t i = 0; i < wave.buckets.size(); ++i)
    EXPECT_EQ(wave.buckets[i].start_us, static_cast<std::int64_t>(i) * 5000);
  EXPECT_EQ(wave.buckets[4].low, 1);  // 20 ms: the first block's last sample
  EXPECT_EQ(wave.buckets[4].high, 2);
}

}  // namespace
}  // namespace hil::signal
