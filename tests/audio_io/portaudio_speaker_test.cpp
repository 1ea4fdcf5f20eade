// The PortAudio speaker playing into raw files through ALSA: the samples land exactly, between
// silence; write() takes only what fits; and a 48 kHz device gets the tone at its frequency.
#include "bench/audio/portaudio_speaker.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "firmware_core/audio/goertzel.h"
#include "tests/audio_io/on_alsa_file_devices.h"
#include "tests/audio_io/test_tone.h"
#include "tests/audio_io/wait_for.h"

namespace hil::bench {
namespace {

using testing::AlsaFileDevices;
using testing::wait_for;
using PortAudioSpeakerTest = testing::OnAlsaFileDevices;

// Waits until the device has taken `count` samples in all and run dry after them, the
// `dry_runs`th time.
bool played_out(const PortAudioSpeaker& speaker, std::size_t count, std::uint64_t dry_runs = 1) {
  return wait_for(
      [&] { return speaker.samples_played() == count && speaker.underruns() == dry_runs; });
}

// What the file holds from its first sound on.
std::vector<audio::Sample> from_first_sound(const std::vector<audio::Sample>& recorded) {
  const auto first = std::find_if(recorded.begin(), recorded.end(),
                                  [](audio::Sample sample) { return sample != 0; });
  return {first, recorded.end()};
}

TEST_F(PortAudioSpeakerTest, PlaysWhatIsWrittenSampleForSampleBetweenSilence) {
  const auto tone = testing::test_tone();
  auto speaker = PortAudioSpeaker::open(session_, AlsaFileDevices::kSpeaker, error_, tone.size());
  ASSERT_TRUE(speaker) << error_;

  EXPECT_EQ(speaker->write(tone.data(), tone.size()), tone.size());
  ASSERT_TRUE(played_out(*speaker, tone.size()));
  EXPECT_EQ(speaker->pending(), 0u);
  speaker.reset();

  const auto heard = from_first_sound(alsa_.speaker_output());
  ASSERT_GE(heard.size(), tone.size());
  EXPECT_TRUE(std::equal(tone.begin(), tone.end(), heard.begin()));
  EXPECT_TRUE(std::all_of(heard.begin() + tone.size(), heard.end(),
                          [](audio::Sample sample) { return sample == 0; }));
}

TEST_F(PortAudioSpeakerTest, TakesOnlyWhatFitsItsBuffer) {
  const auto tone = testing::test_tone();
  const std::size_t buffer = 1000;
  auto speaker = PortAudioSpeaker::open(session_, AlsaFileDevices::kSpeaker, error_, buffer);
  ASSERT_TRUE(speaker) << error_;

  EXPECT_EQ(speaker->write(tone.data(), tone.size()), buffer);
  ASSERT_TRUE(played_out(*speaker, buffer));
  EXPECT_EQ(speaker->write(tone.data() + buffer, tone.size() - buffer), buffer);
  EXPECT_TRUE(played_out(*speaker, 2 * buffer, 2));
}

TEST_F(PortAudioSpeakerTest, ADeviceAt48kHzGetsTheToneAtItsFrequency) {
  const auto tone = testing::test_tone();
  auto speaker =
      PortAudioSpeaker::open(session_, AlsaFileDevices::kSpeaker48k, error_, tone.size());
  ASSERT_TRUE(speaker) << error_;

  ASSERT_EQ(speaker->write(tone.data(), tone.size()), tone.size());
  ASSERT_TRUE(played_out(*speaker, tone.size()));
  speaker.reset();

  // ALSA's rate converter makes three samples of each; the middle of the tone is clear of its ends.
  const auto heard = from_first_sound(alsa_.speaker_48k_output());
  ASSERT_GE(heard.size(), 3 * tone.size());
  const audio::PcmView middle = audio::PcmView(heard).slice(tone.size(), tone.size());
  const int rate_hz = 48000;
  const audio::TonePeak peak = audio::find_tone_peak(middle, testing::kToneHz, 0.05, rate_hz);
  EXPECT_TRUE(audio::within_band(peak.freq_hz, testing::kToneHz, 0.015)) << peak.freq_hz;
  EXPECT_NEAR(peak.amplitude, audio::kToneAmplitude, 0.05 * audio::kToneAmplitude);
}

}  // namespace
}  // namespace hil::bench
