// The device and the service wired to each other through the in-memory WebSocket pair: the wake
// flow end to end, echo, pacing seen from the device, one client at a time, reconnects, reboot.
#include <gtest/gtest.h>

#include "firmware_core/audio/echo_app.h"
#include "firmware_core/audio/tones.h"
#include "firmware_core/audio/wake_app.h"
#include "tests/audio/audio_rigs.h"
#include "tests/audio/recording_app.h"
#include "tests/audio/test_signals.h"

namespace hil::audio::testing {
namespace {

std::vector<Sample> concat(std::vector<Sample> a, const std::vector<Sample>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

struct Started : LinkedRig {
  explicit Started(AppLogic& app) {
    service.set_app(&app);
    service.start_audio_streaming();
    dut.device.start();
    scheduler.run_due();
  }
};

TEST(DeviceAndService, TheWakeTonePairBringsListeningTheAckAndTheReply) {
  const std::vector<Sample> reply = counting(16000, 1);  // 1 s the caller supplies
  WakeApp app(reply);
  Started rig(app);
  rig.scheduler.advance(250ms);
  std::vector<Sample> wake;
  append_dual_tone(wake, 697.0, 1209.0, 4800, 6000.0);  // 300 ms
  rig.dut.mic.hear_now(wake);
  while (app.wakes() == 0 && rig.scheduler.now() < 2s) rig.scheduler.advance(1ms);
  ASSERT_EQ(app.wakes(), 1u);
  ASSERT_TRUE(rig.dut.device.last_server_status());
  EXPECT_EQ(rig.dut.device.last_server_status()->listening, true);
  rig.scheduler.advance(3s);
  EXPECT_EQ(rig.dut.speaker.played(), concat(*render_tone("ack"), reply));
  ASSERT_TRUE(app.last_reply_result());
  EXPECT_EQ(app.last_reply_result()->end, PlaybackEnd::kDeviceConfirmed);
  EXPECT_EQ(rig.dut.device.last_server_status()->listening, false);
  EXPECT_EQ(rig.dut.device.stats().overruns, 0u);
  EXPECT_EQ(rig.dut.device.stats().underruns, 0u);
  EXPECT_EQ(app.wakes(), 1u);
}

TEST(DeviceAndService, ATonePairOutsideTheAcceptBandWakesNothing) {
  WakeApp app(counting(1600, 1));
  Started rig(app);
  std::vector<Sample> off;
  append_dual_tone(off, 697.0 * 1.035, 1209.0 * 1.035, 4800, 6000.0);
  rig.dut.mic.hear_now(off);
  rig.scheduler.advance(2s);
  EXPECT_EQ(app.wakes(), 0u);
  EXPECT_TRUE(rig.dut.speaker.played().empty());
}

TEST(DeviceAndService, EchoPlaysBackWhatTheMicrophoneHeard) {
  EchoApp app;
  Started rig(app);
  const std::vector<Sample> heard = counting(8000, 100);
  rig.dut.mic.hear_now(heard);
  rig.scheduler.advance(1s);
  const auto& played = rig.dut.speaker.played();
  ASSERT_GE(played.size(), heard.size());
  EXPECT_EQ(std::vector<Sample>(played.begin(), played.begin() + 8000), heard);
  EXPECT_EQ(rig.dut.device.stats().overruns, 0u);
}

TEST(DeviceAndService, PacingNeverFillsTheDeviceBeyondTheLeadNorStarvesIt) {
  RecordingApp app;
  Started rig(app);
  const std::vector<Sample> speech = counting(48000, 7);  // 3 s
  rig.service.play_audio(speech);
  std::optional<PlaybackResult> result;
  rig.service.wait_for_playback_completion([&](const PlaybackResult& r) { result = r; });
  std::size_t most = 0;
  for (int i = 0; i < 4000; ++i) {
    rig.scheduler.advance(1ms);
    most = std::max(most, rig.dut.device.buffered_samples() + rig.dut.speaker.pending());
  }
  EXPECT_LE(most, 3200u);  // 200 ms
  EXPECT_EQ(rig.dut.speaker.played(), speech);
  EXPECT_EQ(rig.dut.device.stats().underruns, 0u);
  EXPECT_EQ(rig.dut.device.stats().overruns, 0u);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->end, PlaybackEnd::kDeviceConfirmed);
  const core::Micros last_played = duration_of(rig.dut.speaker.last_played_tick() + 1);
  EXPECT_GE(result->at, last_played);
  EXPECT_LE(result->at, last_played + 10ms);
}

TEST(DeviceAndService, ASecondDeviceIsTurnedAwayAndTheFirstStreamIsWhole) {
  RecordingApp app;
  Started rig(app);
  DeviceUnderTest second(rig.scheduler, rig.ws_server);
  rig.scheduler.advance(250ms);
  second.device.start();
  rig.scheduler.advance(2s - 250ms);
  EXPECT_EQ(rig.service.counters().busy_rejections, 2u);  // at 250 ms and its retry at 1250 ms
  EXPECT_EQ(second.device.stats().connects, 2u);
  EXPECT_EQ(second.device.stats().last_retry_delay, 2s);
  EXPECT_EQ(app.frames, 20);
  EXPECT_EQ(app.heard.size(), 32000u);
  EXPECT_EQ(rig.dut.device.stats().mic_frames_sent, 20u);
  EXPECT_EQ(app.connects, 1);
}

TEST(DeviceAndService, ADroppedLinkIsRedialedAfterOneSecondAndServedAgain) {
  RecordingApp app;
  Started rig(app);
  rig.scheduler.advance(500ms);
  rig.dut.socket.drop();
  rig.scheduler.advance(1s);
  EXPECT_EQ(app.disconnects, 1);
  EXPECT_EQ(app.connects, 2);
  EXPECT_TRUE(rig.service.is_connected());
  const int before = app.frames;
  rig.scheduler.advance(1s);
  EXPECT_EQ(app.frames - before, 10);
}

TEST(DeviceAndService, TheServicesRebootCommandRestartsTheDevice) {
  RecordingApp app;
  Started rig(app);
  rig.service.send_command(Reboot{});
  rig.scheduler.advance(10ms);
  EXPECT_EQ(rig.dut.board.reboots, 1);
  EXPECT_FALSE(rig.service.is_connected());
}

TEST(DeviceAndService, TheDevicesStatusAndButtonReachTheService) {
  RecordingApp app;
  Started rig(app);
  rig.scheduler.advance(5s);
  rig.dut.device.on_button_pressed();
  rig.scheduler.run_due();
  ASSERT_TRUE(rig.service.device_status());
  EXPECT_EQ(rig.service.device_status()->uptime_ms, 5000);
  ASSERT_FALSE(app.events.empty());
  EXPECT_EQ(app.events.back(), (DeviceEvent{"button", "pressed", std::nullopt}));
}

}  // namespace
}  // namespace hil::audio::testing
