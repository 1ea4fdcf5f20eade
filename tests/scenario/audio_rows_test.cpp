// The audio rows' links: mic signals, the speaker's tolerant matching, and a state link's
// semantics in runs (an expect waits for the state; expect_none fails the moment it holds).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "bench/scenario/families/audio/audio_signals.h"
#include "bench/scenario/runner.h"
#include "bench/scenario/scenario_loader.h"

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

TEST_F(AudioRunTest, ExpectNoneOnAStateFailsTheMomentItHolds) {
  const auto result =
      run("  - expect_none: {device: service, audio: {is_connected: true}, for_ms: 2000}\n");
  ASSERT_FALSE(result.passed);
  EXPECT_EQ(result.virtual_us, 300000) << "it stops when the state holds, not at the window's end";
}

TEST_F(AudioRunTest, SignalsAreSentAndNeverExpected) {
  const fs::path path = dir_ / "bad.yaml";
  std::ofstream(path) << "name: t\ndevices:\n  - {name: board, kind: esp32-audio}\nsteps:\n"
                         "  - expect: {device: board, mic: {tone_hz: 1000}}\n";
  const auto loaded = load_scenario(path.string());
  ASSERT_TRUE(std::holds_alternative<LoadError>(loaded));
  EXPECT_NE(std::get<LoadError>(loaded).message.find("unknown key 'mic' in expect"),
            std::string::npos)
      << std::get<LoadError>(loaded).message;
}

TEST_F(AudioRunTest, ABadSignalIsRefusedWhereItIsWritten) {
  const fs::path path = dir_ / "bad.yaml";
  std::ofstream(path) << "name: t\ndevices:\n  - {name: board, kind: esp32-audio}\nsteps:\n"
                         "  - send: {device: board, mic: {tone_hz: 1000}}\n";
  const auto loaded = load_scenario(path.string());
  ASSERT_TRUE(std::holds_alternative<LoadError>(loaded));
  EXPECT_EQ(std::get<LoadError>(loaded).to_string(),
            path.string() + ":5:32: 'ms' must be a whole number of ms from 1 to 600000");
  auto session = Session::simulated(SessionOptions{});
  ASSERT_EQ(session->add_device(DeviceSpec{"board", "esp32-audio", json::object(), {}}), "");
  EXPECT_EQ(session->send("board", "mic", "", R"({"hum": 50})"),
            "mic: a mic signal is " + std::string(kMicSignalForm) + R"(, got {"hum":50})");
}

}  // namespace
}  // namespace hil::scenario
