// Delivery gaps from frame sizes and arrival times.
#include "bench/signal/delivery_gaps.h"

#include <gtest/gtest.h>

namespace hil::signal {
namespace {

using namespace std::chrono_literals;

// 100 ms frames of 1600 samples, arriving on time except where `late` says.
std::vector<FrameArrival> frames_every_100ms(std::size_t count) {
  std::vector<FrameArrival> frames;
  for (std::size_t i = 0; i < count; ++i) {
    frames.push_back({core::Micros(100'000 * static_cast<std::int64_t>(i)), 1600});
  }
  return frames;
}

TEST(DeliveryGaps, FramesOnTimeHaveNoGap) {
  EXPECT_TRUE(find_delivery_gaps(frames_every_100ms(50), 0ms).empty());
}

TEST(DeliveryGaps, ALateFrameIsAGapOfItsLatenessAtItsPosition) {
  auto frames = frames_every_100ms(30);
  for (std::size_t i = 10; i < frames.size(); ++i) frames[i].at += 1373ms;  // a stall
  const auto gaps = find_delivery_gaps(frames, 0ms);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].frame, 10u);
  EXPECT_EQ(gaps[0].at_sample, 16000u);
  EXPECT_EQ(gaps[0].length, 1373ms);
}

TEST(DeliveryGaps, AGapOfOneSampleIsFoundAndLessIsNot) {
  auto frames = frames_every_100ms(3);
  frames[1].at += 63us;
  frames[2].at += 63us + 62us;
  const auto gaps = find_delivery_gaps(frames, 0ms);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].frame, 1u);
}

TEST(DeliveryGaps, APlayoutDelayAbsorbsJitterBelowIt) {
  auto frames = frames_every_100ms(20);
  frames[5].at += 80ms;
  EXPECT_TRUE(find_delivery_gaps(frames, 100ms).empty());
  EXPECT_EQ(find_delivery_gaps(frames, 50ms).size(), 1u);
}

TEST(DeliveryGaps, EachSeparateStallIsItsOwnGap) {
  auto frames = frames_every_100ms(20);
  for (std::size_t i = 4; i < frames.size(); ++i) frames[i].at += 200ms;
  for (std::size_t i = 12; i < frames.size(); ++i) frames[i].at += 300ms;
  const auto gaps = find_delivery_gaps(frames, 0ms);
  ASSERT_EQ(gaps.size(), 2u);
  EXPECT_EQ(gaps[0].length, 200ms);
  EXPECT_EQ(gaps[1].length, 300ms);
  EXPECT_EQ(gaps[1].at_sample, 12u * 1600u);
}

}  // namespace
}  // namespace hil::signal
