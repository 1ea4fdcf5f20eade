// The audio rows' links: mic signals, the speaker's tolerant matching, and a state link's
// semantics in runs (an expect waits for the state; expect_none fails the moment it holds).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "bench/audio/wav_file.h"
#include "bench/scenario/families/audio/audio_signals.h"
#include "bench/scenario/runner.h"
#include "bench/scenario/scenario_loader.h"
#include "firmware_core/audio/tones.h"

namespace hil::scenario {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

TEST(MicSignal, EachFormMakesItsSamples) {
  std::string error;
  EXPECT_EQ(mic_signal(json{{"silence_ms", 100}}, 1, error).size(), 1600u);
  EXPECT_EQ(mic_signal(json{{"tone_hz", 1000}, {"ms", 50}}, 1, error).size(), 800u);
  EXPECT_EQ(mic_signal(json{{"dual_hz", {697, 1209}}, {"ms", 20}, {"dbfs", -6}}, 1, error).size(),
            320u);
  const auto noise = mic_signal(json{{"noise_ms", 10}, {"dbfs", -20}}, 7, error);
  EXPECT_EQ(noise, mic_signal(json{{"noise_ms", 10}, {"dbfs", -20}}, 7, error)) << "seeded";
  EXPECT_EQ(error, "");
}

TEST(MicSignal, BadSignalsSayWhy) {
  const std::pair<json, std::string> cases[] = {
      {json{{"tone_hz", 1000}}, "'ms' must be a whole number of ms from 1 to 600000"},
      {json{{"tone_hz", 9000}, {"ms", 10}}, "'tone_hz' must be a number between 0 and 8000 Hz"},
      {json{{"tone_hz", 440}, {"ms", 10}, {"dbfs", 3}}, "'dbfs' must be a number from -120 to 0"},
      {json{{"silence_ms", -5}}, "'silence_ms' must be a whole number of ms"},
      {json{{"hum", 50}}, "a mic signal is {tone_hz: HZ"},
      {json::array(), "a mic signal is {tone_hz: HZ"}};
  for (const auto& [signal, why] : cases) {
    std::string error;
    EXPECT_TRUE(mic_signal(signal, 1, error).empty()) << signal;
    EXPECT_NE(error.find(why), std::string::npos) << signal << ": " << error;
  }
}

TEST(MicSignal, SpeechAndRecordingsPlayAsTheyAreOrWithTheirPeakAtALevel) {
  std::string error;
  const auto spoken = mic_signal(json{{"say", "hello"}}, 1, error);
  EXPECT_EQ(error, "");
  EXPECT_GT(spoken.size(), 1600u) << "more than 100 ms of speech";
  const auto quiet = mic_signal(json{{"say", "hello"}, {"dbfs", -20}}, 1, error);
  ASSERT_EQ(quiet.size(), spoken.size());
  int peak = 0;
  for (const audio::Sample sample : quiet) peak = std::max(peak, std::abs(int{sample}));
  EXPECT_NEAR(peak, 3277, 2) << "-20 dBFS";

  const fs::path file =
      fs::temp_directory_path() / ("hil_mic_" + std::to_string(getpid()) + ".wav");
  const std::vector<audio::Sample> recording(480, 1234);
  ASSERT_TRUE(bench::write_protocol_wav(file.string(), recording, error)) << error;
  EXPECT_EQ(mic_signal(json{{"wav", file.string()}}, 1, error), recording);
  fs::remove(file);
  EXPECT_TRUE(mic_signal(json{{"wav", file.string()}}, 1, error).empty());
  EXPECT_NE(error.find(file.string()), std::string::npos) << error;
  EXPECT_TRUE(mic_signal(json{{"say", ""}}, 1, error).empty());
  EXPECT_EQ(error, "'say' must be the text to speak");
}

TEST(SpeakerMatches, ToneWithinTheQ24BandAndBoundsOnLengthAndLevel) {
  const json tone = {{"kind", "tone"},    {"tone_hz", 997.2},   {"ms", 120},
                     {"rms_dbfs", -15.0}, {"peak_dbfs", -12.0}, {"clipped", 0}};
  EXPECT_TRUE(speaker_matches(tone, {{"tone_hz", 1000}, {"min_ms", 100}}));
  EXPECT_TRUE(speaker_matches(tone, {{"tone_hz", 985}}));    // 1.2 % off
  EXPECT_FALSE(speaker_matches(tone, {{"tone_hz", 1020}}));  // 2.2 % off
  EXPECT_FALSE(speaker_matches(tone, {{"tone_hz", 997}, {"min_ms", 121}}));
  EXPECT_FALSE(speaker_matches(tone, {{"max_ms", 100}}));
  EXPECT_TRUE(speaker_matches(tone, {{"min_dbfs", -16}, {"max_dbfs", -14}, {"clipped", 0}}));
  EXPECT_FALSE(speaker_matches(tone, {{"min_dbfs", -14}}));
  EXPECT_FALSE(speaker_matches(tone, {{"silence_ms", 10}}));
  const json silence = {{"kind", "silence"}, {"ms", 60}};
  EXPECT_TRUE(speaker_matches(silence, {{"silence_ms", 40}}));
  EXPECT_FALSE(speaker_matches(silence, {{"silence_ms", 80}}));
  EXPECT_FALSE(speaker_matches(silence, {{"tone_hz", 997}}));
  EXPECT_FALSE(speaker_matches(silence, {{"min_dbfs", -100}})) << "a silence has no level";
}

TEST(FrameSummary, CountsSamplesAndHashesTheBytes) {
  const std::string bytes(3200, '\0');
  const json summary = frame_summary(true, bytes);
  EXPECT_EQ(summary["dir"], "sent");
  EXPECT_EQ(summary["samples"], 1600);
  EXPECT_EQ(summary["bytes"], 3200);
  EXPECT_NE(summary["hash"], frame_summary(true, std::string(3200, '\1'))["hash"]);
  EXPECT_FALSE(summary.contains("pcm"));
  EXPECT_EQ(frame_summary(false, std::string("\x01\x00\xff\x7f", 4), true)["pcm"], "AQD/fw==");
}

// A board and a service in process, and steps run against them.
class AudioRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("hil_audio_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
            std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  ScenarioResult run(const std::string& steps) {
    const fs::path path = dir_ / "s.yaml";
    std::ofstream(path) << "name: t\ndevices:\n  - {name: board, kind: esp32-audio}\n"
                           "  - {name: service, kind: audio-service, app: echo}\nsteps:\n"
                        << steps;
    auto loaded = load_scenario(path.string());
    if (const auto* error = std::get_if<LoadError>(&loaded)) {
      ADD_FAILURE() << error->to_string();
      return {};
    }
    return run_scenario(std::get<Scenario>(loaded), RunOptions{});
  }

  // Why a scenario of these devices and steps does not load ("" when it does), as file:line:col.
  std::string load_error(const std::string& devices, const std::string& steps) {
    const fs::path path = dir_ / "bad.yaml";
    std::ofstream(path) << "name: t\ndevices:\n" << devices << "steps:\n" << steps;
    const auto loaded = load_scenario(path.string());
    const auto* error = std::get_if<LoadError>(&loaded);
    return error == nullptr ? "" : error->to_string();
  }

  fs::path dir_;
};

TEST_F(AudioRunTest, AStateExpectWaitsUntilItHolds) {
  const auto result =
      run("  - expect: {device: service, audio: {is_connected: true}, timeout_ms: 1000}\n");
  EXPECT_TRUE(result.passed) << result.failure->message;
  EXPECT_EQ(result.virtual_us, 300000) << "the board dials once it has booted";
}

TEST_F(AudioRunTest, AStateThatNeverHoldsFailsShowingTheStateAsItStands) {
  const auto result =
      run("  - expect: {device: service, audio: {error_count: 3}, timeout_ms: 500}\n");
  ASSERT_FALSE(result.passed);
  EXPECT_EQ(result.failure->message, "no match within 500 ms");
  ASSERT_EQ(result.failure->nearest.size(), 1u);
  EXPECT_NE(result.failure->nearest[0].find("\"error_count\":0"), std::string::npos)
      << result.failure->nearest[0];
}

// The report's waveforms: the tone the board's microphone heard, as the service received it and
// as it sent it back (echo) for the board's speaker, each where it happened.
TEST_F(AudioRunTest, EachEndKeepsTheWaveformsOfWhatItHeardAndPlayed) {
  const auto result =
      run("  - advance: 1000\n"
          "  - send: {device: board, mic: {tone_hz: 1000, ms: 300, dbfs: -6}}\n"
          "  - expect: {device: board, speaker: {tone_hz: 1000, min_ms: 200}, timeout_ms: 2000}\n");
  ASSERT_TRUE(result.passed) << result.failure->message;
  // The loudest stretch of each, and when it began.
  const auto loudest_from = [&](const std::string& device, const std::string& label) {
    std::int64_t first = -1;
    for (const DeviceWaveform& sound : result.waveforms.at(device)) {
      if (sound.label != label) continue;
      for (const signal::WaveformBucket& bucket : sound.waveform.buckets)
        if (first < 0 && bucket.high > 16000) first = bucket.start_us;  // half scale: -6 dBFS
    }
    return first;
  };
  const std::int64_t heard = loudest_from("board", "microphone");
  EXPECT_EQ(heard, 1'000'000);
  // The frame that carried it ends on a 100 ms step from the board's boot at 300 ms, so the
  // service lays its samples where the microphone heard them.
  EXPECT_EQ(loudest_from("service", "received"), heard);
  EXPECT_GE(loudest_from("service", "sent"), loudest_from("service", "received"));
  EXPECT_GT(loudest_from("board", "speaker"), loudest_from("service", "received"));
}

// A recording a scenario names is read from the scenario's folder, wherever the run starts.
TEST_F(AudioRunTest, AWavFileIsReadFromTheScenariosFolder) {
  std::string error;
  std::vector<audio::Sample> tone;
  audio::append_sine(tone, 1000, 4800, 16000);
  ASSERT_TRUE(bench::write_protocol_wav((dir_ / "tone.wav").string(), tone, error)) << error;
  const auto result =
      run("  - advance: 500\n"
          "  - send: {device: board, mic: {wav: tone.wav}}\n"
          "  - expect: {device: board, speaker: {tone_hz: 1000, min_ms: 200}, timeout_ms: 2000}\n");
  EXPECT_TRUE(result.passed) << result.failure->message;
}

TEST_F(AudioRunTest, AMissingWavFileIsAnErrorWhereItIsNamed) {
  const std::string error = load_error("  - {name: board, kind: esp32-audio}\n",
                                       "  - send: {device: board, mic: {wav: gone.wav}}\n");
  EXPECT_NE(error.find("bad.yaml:5:"), std::string::npos) << error;
  EXPECT_NE(error.find((dir_ / "gone.wav").string()), std::string::npos) << error;
}

TEST_F(AudioRunTest, TheWakeReplyIsAToneSpeechOrAFileAndOnlyOne) {
  EXPECT_NE(load_error("  - {name: s, kind: audio-service, reply_say: hi, reply_wav: hi.wav}\n",
                       "  - advance: 1\n")
                .find("reply_wav and reply_say are two replies; give one"),
            std::string::npos);
  EXPECT_NE(load_error("  - {name: s, kind: audio-service, app: echo, reply_say: hi}\n",
                       "  - advance: 1\n")
                .find("reply_say goes with app: wake"),
            std::string::npos);
}

TEST_F(AudioRunTest, ExpectNoneOnAStateFailsTheMomentItHolds) {
  const auto result =
      run("  - expect_none: {device: service, audio: {is_connected: true}, for_ms: 2000}\n");
  ASSERT_FALSE(result.passed);
  EXPECT_EQ(result.virtual_us, 300000) << "it stops when the state holds, not at the window's end";
}

TEST_F(AudioRunTest, SignalsAreSentAndNeverExpected) {
  const std::string error = load_error("  - {name: board, kind: esp32-audio}\n",
                                       "  - expect: {device: board, mic: {tone_hz: 1000}}\n");
  EXPECT_NE(error.find("unknown key 'mic' in expect"), std::string::npos) << error;
}

TEST_F(AudioRunTest, ABadSignalIsRefusedWhereItIsWritten) {
  EXPECT_EQ(
      load_error("  - {name: board, kind: esp32-audio}\n",
                 "  - send: {device: board, mic: {tone_hz: 1000}}\n"),
      (dir_ / "bad.yaml").string() + ":5:32: 'ms' must be a whole number of ms from 1 to 600000");
  auto session = Session::simulated(SessionOptions{});
  ASSERT_EQ(session->add_device(DeviceSpec{"board", "esp32-audio", json::object(), {}}), "");
  EXPECT_EQ(session->send("board", "mic", "", R"({"hum": 50})"),
            "mic: a mic signal is " + std::string(kMicSignalForm) + R"(, got {"hum":50})");
}

}  // namespace
}  // namespace hil::scenario
