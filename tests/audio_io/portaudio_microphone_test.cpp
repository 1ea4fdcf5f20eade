// The PortAudio microphone capturing a raw file through ALSA: the samples arrive exactly, the
// tone is there at its level, and what a full buffer cannot keep is counted.
#include "bench/audio/portaudio_microphone.h"

#include <gtest/gtest.h>

#include "bench/signal/levels.h"
#include "bench/signal/tone_check.h"
#include "tests/audio_io/on_alsa_file_devices.h"
#include "tests/audio_io/test_tone.h"
#include "tests/audio_io/wait_for.h"

namespace hil::bench {
namespace {

using testing::AlsaFileDevices;
using testing::wait_for;
using PortAudioMicrophoneTest = testing::OnAlsaFileDevices;

// Reads until `count` samples have come (or the deadline passes).
std::vector<audio::Sample> read_samples(PortAudioMicrophone& mic, std::size_t count) {
  std::vector<audio::Sample> got(count);
  std::size_t filled = 0;
  wait_for([&] {
    filled += mic.read(got.data() + filled, count - filled);
    return filled == count;
  });
  got.resize(filled);
  return got;
}

TEST_F(PortAudioMicrophoneTest, DeliversTheCapturedToneSampleForSample) {
  const auto mic = PortAudioMicrophone::open(session_, AlsaFileDevices::kMic, error_);
  ASSERT_TRUE(mic) << error_;
  EXPECT_EQ(mic->stream().device().name, AlsaFileDevices::kMic);

  const auto tone = testing::test_tone();
  const auto got = read_samples(*mic, tone.size());
  EXPECT_EQ(got, tone);
  const signal::ToneCheck check = signal::check_tone(got, testing::kToneHz);
  EXPECT_TRUE(check.in_band) << check.freq_hz;
  EXPECT_NEAR(check.level_dbfs, signal::to_dbfs(audio::kToneAmplitude / std::sqrt(2.0)), 0.5);
}

TEST_F(PortAudioMicrophoneTest, KeepsTheOldestAndCountsWhatAFullBufferCannotTake) {
  const std::size_t buffer = 1600;
  const auto mic = PortAudioMicrophone::open(session_, AlsaFileDevices::kMic, error_, buffer);
  ASSERT_TRUE(mic) << error_;

  // Nobody reads, and the file device captures faster than real time.
  ASSERT_TRUE(wait_for([&] { return mic->overflowed_samples() > 0; }));
  const auto tone = testing::test_tone();
  std::vector<audio::Sample> got(tone.size());
  got.resize(mic->read(got.data(), got.size()));
  EXPECT_EQ(got, std::vector<audio::Sample>(tone.begin(), tone.begin() + buffer));
}

}  // namespace
}  // namespace hil::bench
