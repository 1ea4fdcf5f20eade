// The named tones: lengths, frequencies and levels as tones.h states them.
#include "firmware_core/audio/tones.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "firmware_core/audio/goertzel.h"

namespace hil::audio {
namespace {

Sample peak_of(PcmView samples) {
  int peak = 0;
  for (const Sample s : samples) peak = std::max(peak, std::abs(static_cast<int>(s)));
  return static_cast<Sample>(peak);
}

TEST(Tones, AckIs997HzFor120MsAtMinus12Dbfs) {
  const auto ack = render_tone("ack");
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->size(), 1920u);
  const TonePeak peak = find_tone_peak(*ack, 997.0, 0.05);
  EXPECT_NEAR(peak.freq_hz, 997.0, 997.0 * 0.001);
  EXPECT_NEAR(peak_of(*ack), kToneAmplitude, 2.0);
}

TEST(Tones, TonesStartAndEndQuietly) {
  for (const std::string_view name : tone_names()) {
    const auto tone = render_tone(name);
    ASSERT_TRUE(tone) << name;
    EXPECT_EQ(tone->front(), 0) << name;
    EXPECT_LT(std::abs(tone->back()), 100) << name;
  }
}

TEST(Tones, ErrorIsTwoBeepsWithAGap) {
  const auto error = render_tone("error");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->size(), 5600u);  // 150 + 50 + 150 ms
  const PcmView gap = PcmView(*error).slice(2400, 800);
  EXPECT_EQ(peak_of(gap), 0);
  EXPECT_NEAR(find_tone_peak(PcmView(*error).slice(0, 2400), 440.0, 0.05).freq_hz, 440.0, 0.5);
}

TEST(Tones, AnUnknownNameHasNoTone) { EXPECT_FALSE(render_tone("fanfare")); }

TEST(Tones, TheTableNamesAck) {
  const auto names = tone_names();
  EXPECT_NE(std::find(names.begin(), names.end(), "ack"), names.end());
}

}  // namespace
}  // namespace hil::audio
