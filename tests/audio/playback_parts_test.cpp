// The parts behind playback and the link: the bounded buffer, the back-off, the pacer, the
// microphone's rate guard.
#include <gtest/gtest.h>

#include "firmware_core/audio/mic_rate_guard.h"
#include "firmware_core/audio/playback_buffer.h"
#include "firmware_core/audio/playback_pacer.h"
#include "firmware_core/audio/reconnect_backoff.h"
#include "tests/audio/test_signals.h"

namespace hil::audio {
namespace {

using testing::counting;

using namespace std::chrono_literals;

TEST(PlaybackBuffer, KeepsOrderAcrossTheWrap) {
  PlaybackBuffer buffer(5);
  EXPECT_EQ(buffer.push(counting(4, 0)), 0u);
  buffer.pop(3);
  EXPECT_EQ(buffer.push(counting(4, 10)), 0u);
  std::vector<Sample> out;
  while (!buffer.empty()) {
    const PcmView run = buffer.front();
    out.insert(out.end(), run.begin(), run.end());
    buffer.pop(run.size);
  }
  EXPECT_EQ(out, (std::vector<Sample>{3, 10, 11, 12, 13}));
}

TEST(PlaybackBuffer, WhatDoesNotFitIsDroppedAndCounted) {
  PlaybackBuffer buffer(4);
  EXPECT_EQ(buffer.push(counting(3, 0)), 0u);
  EXPECT_EQ(buffer.push(counting(3, 0)), 2u);
  EXPECT_EQ(buffer.size(), 4u);
}

TEST(ReconnectBackoff, DoublesFromOneSecondToThirty) {
  ReconnectBackoff backoff;
  std::vector<core::Micros> delays;
  for (int i = 0; i < 7; ++i) delays.push_back(backoff.next_delay());
  EXPECT_EQ(delays, (std::vector<core::Micros>{1s, 2s, 4s, 8s, 16s, 30s, 30s}));
  backoff.reset();
  EXPECT_EQ(backoff.next_delay(), 1s);
}

// Sends what the pacer allows at every millisecond for `span`; returns the largest lead seen.
core::Micros run_pacer(PlaybackPacer& pacer, core::Micros from, core::Micros span,
                       std::uint64_t& sent) {
  core::Micros max_lead{0};
  for (core::Micros t = from; t <= from + span; t += 1ms) {
    while (auto chunk = pacer.take(t)) sent += chunk->size();
    max_lead = std::max(max_lead, pacer.lead(t));
  }
  return max_lead;
}

TEST(PlaybackPacer, NeverLeadsByMoreThanItsBound) {
  PlaybackPacer pacer(200ms, 1600);
  pacer.push(counting(16000 * 3, 0));
  std::uint64_t sent = 0;
  EXPECT_LE(run_pacer(pacer, 0ms, 4s, sent), 200ms);
  EXPECT_EQ(sent, 48000u);
}

TEST(PlaybackPacer, StartsWithTheWholeLeadAndKeepsAtLeastLeadMinusAChunk) {
  PlaybackPacer pacer(200ms, 1600);
  pacer.push(counting(16000, 0));
  std::uint64_t sent = 0;
  while (auto chunk = pacer.take(0ms)) sent += chunk->size();
  EXPECT_EQ(sent, 3200u);
  for (core::Micros t = 0ms; t < 700ms; t += 1ms) {
    while (auto chunk = pacer.take(t)) sent += chunk->size();
    EXPECT_GE(pacer.lead(t), 100ms) << t.count();
  }
}

TEST(PlaybackPacer, SaysWhenTheNextChunkMayGo) {
  PlaybackPacer pacer(200ms, 1600);
  pacer.push(counting(6400, 0));
  while (pacer.take(0ms)) {
  }
  ASSERT_TRUE(pacer.next_send_at(0ms));
  EXPECT_EQ(*pacer.next_send_at(0ms), 100ms);
  EXPECT_FALSE(pacer.take(99ms));
  EXPECT_TRUE(pacer.take(100ms));
  EXPECT_EQ(pacer.played_out_at(), 300ms);
}

TEST(PlaybackPacer, AFreshStreamStartsAfterThePreviousOnePlayedOut) {
  PlaybackPacer pacer(200ms, 1600);
  pacer.push(counting(1600, 0));
  EXPECT_TRUE(pacer.take(0ms));
  pacer.push(counting(3200, 0));
  std::uint64_t sent = 0;
  while (auto chunk = pacer.take(5s)) sent += chunk->size();
  EXPECT_EQ(sent, 3200u);
  EXPECT_EQ(pacer.played_out_at(), 5s + 200ms);
}

TEST(PlaybackPacer, ClearForgetsWhatWasQueued) {
  PlaybackPacer pacer(200ms, 1600);
  pacer.push(counting(16000, 0));
  pacer.clear();
  EXPECT_FALSE(pacer.take(0ms));
  EXPECT_FALSE(pacer.next_send_at(0ms));
}

TEST(PlaybackPacer, SharedClipsGoOutInOrderAndAChunkSpansTwoOfThem) {
  PlaybackPacer pacer(200ms, 1600);
  const auto first = std::make_shared<const std::vector<Sample>>(counting(1000, 0));
  pacer.push(first);
  pacer.push(counting(2200, 1000));  // a copy, after the shared clip
  EXPECT_EQ(pacer.queued_samples(), 3200u);
  const auto chunk = pacer.take(0ms);
  ASSERT_TRUE(chunk);
  EXPECT_EQ(*chunk, counting(1600, 0));  // all of the first clip, then 600 of the second
  EXPECT_EQ(*pacer.take(0ms), counting(1600, 1600));
  EXPECT_EQ(pacer.queued_samples(), 0u);
  EXPECT_EQ(first.use_count(), 1);  // let go of once sent
}

TEST(MicRateGuard, RealTimeAudioAlwaysPasses) {
  MicRateGuard guard(500ms);
  guard.reset(0ms);
  for (core::Micros t = 100ms; t < 60s; t += 100ms) EXPECT_TRUE(guard.admit(1600, t));
}

TEST(MicRateGuard, AudioBeyondRealTimeAndTheBurstIsRefused) {
  MicRateGuard guard(500ms);
  guard.reset(0ms);
  int refused = 0;
  // Twice real time for two seconds: 2 s of audio more than the clock allows, 0.5 s of it burst.
  for (core::Micros t = 50ms; t <= 2s; t += 50ms) refused += guard.admit(1600, t) ? 0 : 1;
  EXPECT_GE(refused, 14);
  EXPECT_LE(refused, 16);
}

}  // namespace
}  // namespace hil::audio
