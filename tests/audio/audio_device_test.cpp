// The device's firmware against a recording server: microphone frames, status, commands, the
// playback buffer's accounting, the end of playback, the back-off and bad input.
#include "firmware_core/audio/audio_device.h"

#include <gtest/gtest.h>

#include "firmware_core/audio/goertzel.h"
#include "firmware_core/audio/tones.h"
#include "tests/audio/audio_rigs.h"

namespace hil::audio::testing {
namespace {

std::vector<Sample> constant(std::size_t count, Sample value) {
  return std::vector<Sample>(count, value);
}

// The server's frames to the device: text and binary, delivered at once.
void send_text(DeviceRig& rig, const std::string& text) {
  rig.link().send_text(text);
  rig.scheduler.run_due();
}

void send_pcm(DeviceRig& rig, PcmView samples) {
  rig.link().send_binary(encode_pcm(samples));
  rig.scheduler.run_due();
}

std::vector<ControlMessage> parsed_texts(const RecordingPeer& peer) {
  std::vector<ControlMessage> out;
  for (const ReceivedFrame& frame : peer.texts) {
    const ControlParse parsed = parse_control(frame.bytes);
    EXPECT_TRUE(parsed.message) << frame.bytes;
    if (parsed.message) out.push_back(*parsed.message);
  }
  return out;
}

std::vector<DeviceEvent> events(const RecordingPeer& peer) {
  std::vector<DeviceEvent> out;
  for (const ControlMessage& message : parsed_texts(peer)) {
    if (const auto* event = std::get_if<DeviceEvent>(&message)) out.push_back(*event);
  }
  return out;
}

struct StartedDevice : DeviceRig {
  explicit StartedDevice(AudioDeviceOptions options = {}) : DeviceRig(options) {
    dut.device.start();
    scheduler.run_due();
  }
};

TEST(AudioDevice, DialsItsUrlAndSendsItsStatusOnOpen) {
  AudioDeviceOptions options;
  options.url = "ws://10.0.0.2:8765/ws";
  StartedDevice rig(options);
  EXPECT_EQ(rig.dut.socket.dialed(), (std::vector<std::string>{"ws://10.0.0.2:8765/ws"}));
  EXPECT_EQ(rig.dut.device.link(), DeviceLink::kOpen);
  ASSERT_EQ(rig.server.texts.size(), 1u);
  EXPECT_EQ(
      rig.server.texts[0].bytes,
      R"({"type":"client_status","payload":{"uptime_ms":0,"heap_free":50123,"wifi_rssi":-55}})");
}

TEST(AudioDevice, SendsClientStatusEveryFiveSeconds) {
  StartedDevice rig;
  rig.dut.board.rssi = -70;
  rig.scheduler.advance(10s);
  const auto messages = parsed_texts(rig.server);
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(std::get<ClientStatus>(messages[2]), (ClientStatus{10000, 50123, -70}));
}

TEST(AudioDevice, StreamsTheMicrophoneInBlocksOf100Ms) {
  StartedDevice rig;
  std::vector<Sample> heard;
  append_sine(heard, 997.0, 8000, 5000.0);
  rig.dut.mic.hear_now(heard);
  rig.scheduler.advance(1s);
  ASSERT_EQ(rig.server.binaries.size(), 10u);
  std::vector<Sample> received;
  for (std::size_t i = 0; i < rig.server.binaries.size(); ++i) {
    EXPECT_EQ(rig.server.binaries[i].at, std::chrono::milliseconds(100 * (i + 1)));
    EXPECT_EQ(rig.server.binaries[i].bytes.size(), 3200u);
    const auto block = decode_pcm(rig.server.binaries[i].bytes);
    received.insert(received.end(), block.begin(), block.end());
  }
  EXPECT_EQ(std::vector<Sample>(received.begin(), received.begin() + 8000), heard);
}

TEST(AudioDevice, TheBlockSizeIsConfigurable) {
  AudioDeviceOptions options;
  options.mic_block_samples = 512;
  StartedDevice rig(options);
  rig.scheduler.advance(320ms);
  ASSERT_EQ(rig.server.binaries.size(), 10u);
  EXPECT_EQ(rig.server.binaries[0].bytes.size(), 1024u);
}

TEST(AudioDevice, AButtonPressIsAnEvent) {
  StartedDevice rig;
  rig.dut.device.on_button_pressed();
  rig.scheduler.run_due();
  EXPECT_EQ(events(rig.server), (std::vector<DeviceEvent>{{"button", "pressed", std::nullopt}}));
}

TEST(AudioDevice, PlaysReceivedAudioInOrder) {
  StartedDevice rig;
  std::vector<Sample> speech;
  append_sine(speech, 300.0, 4800, 9000.0);
  send_pcm(rig, PcmView(speech).slice(0, 1600));
  send_pcm(rig, PcmView(speech).slice(1600, 3200));
  rig.scheduler.advance(1s);
  EXPECT_EQ(rig.dut.speaker.played(), speech);
  EXPECT_EQ(rig.dut.device.stats().overruns, 0u);
  EXPECT_EQ(rig.dut.device.stats().underruns, 0u);
}

TEST(AudioDevice, ReportsPlaybackCompleteOnceTheLastSampleHasPlayed) {
  StartedDevice rig;
  send_pcm(rig, constant(3200, 1000));
  rig.scheduler.advance(1s);
  const auto sent = events(rig.server);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0], (DeviceEvent{"speaker", "playback_complete", 3200}));
  const core::Micros last_sample = duration_of(rig.dut.speaker.last_played_tick() + 1);
  const core::Micros reported = rig.server.texts.back().at;
  EXPECT_GE(reported, last_sample);
  EXPECT_LE(reported, last_sample + rig.dut.device.options().feed_period);
}

TEST(AudioDevice, PlaybackCompleteCountsEverySampleOfTheConnection) {
  StartedDevice rig;
  send_pcm(rig, constant(1600, 5));
  rig.scheduler.advance(2s);
  send_pcm(rig, constant(800, 5));
  rig.scheduler.advance(2s);
  const auto sent = events(rig.server);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].samples_received, 2400u);
  EXPECT_EQ(rig.dut.device.stats().underruns, 0u);  // 2 s apart: two streams, no gap
}

TEST(AudioDevice, AudioThatOverflowsTheBufferIsDroppedAndCounted) {
  StartedDevice rig;
  send_pcm(rig, constant(10000, 3));  // the buffer holds 8000
  EXPECT_EQ(rig.dut.device.stats().overruns, 1u);
  EXPECT_EQ(rig.dut.device.stats().overrun_samples, 2000u);
  rig.scheduler.advance(2s);
  EXPECT_EQ(rig.dut.speaker.played().size(), 8000u);
}

TEST(AudioDevice, AGapInsideAStreamIsAnUnderrun) {
  StartedDevice rig;
  send_pcm(rig, constant(1600, 5));
  rig.scheduler.advance(300ms);  // ran dry at about 100 ms
  send_pcm(rig, constant(1600, 5));
  rig.scheduler.advance(2s);
  EXPECT_EQ(rig.dut.device.stats().underruns, 1u);
  EXPECT_EQ(rig.dut.device.stats().playbacks_completed, 2u);
}

TEST(AudioDevice, PlaysTheAckToneItMakesItself) {
  StartedDevice rig;
  send_text(rig, R"({"type":"server_command","payload":{"command":"play_tone","tone":"ack"}})");
  rig.scheduler.advance(1s);
  const auto& played = rig.dut.speaker.played();
  ASSERT_EQ(played.size(), 1920u);
  EXPECT_TRUE(within_band(find_tone_peak(played, 997.0, 0.05).freq_hz, 997.0, 0.015));
  EXPECT_EQ(events(rig.server), (std::vector<DeviceEvent>{{"speaker", "playback_complete", 0}}));
}

TEST(AudioDevice, SetsTheLedColor) {
  StartedDevice rig;
  send_text(
      rig,
      R"({"type":"server_command","payload":{"command":"set_led_color","r":0,"g":128,"b":255}})");
  EXPECT_EQ(rig.dut.board.color, (std::vector<int>{0, 128, 255}));
}

TEST(AudioDevice, RebootClosesWithGoingAwayAndRestarts) {
  StartedDevice rig;
  send_text(rig, R"({"type":"server_command","payload":{"command":"reboot"}})");
  EXPECT_EQ(rig.dut.board.reboots, 1);
  EXPECT_EQ(rig.dut.device.link(), DeviceLink::kHalted);
  rig.scheduler.advance(60s);
  EXPECT_EQ(rig.dut.socket.dialed().size(), 1u);
  EXPECT_TRUE(rig.server.binaries.empty());
}

TEST(AudioDevice, KeepsTheLastServerStatus) {
  StartedDevice rig;
  send_text(rig, R"({"type":"server_status","payload":{"listening":true,"speaking":false}})");
  send_text(rig, R"({"type":"server_status","payload":{"listening":false}})");
  ASSERT_TRUE(rig.dut.device.last_server_status());
  EXPECT_EQ(*rig.dut.device.last_server_status(), (ServerStatus{false, std::nullopt}));
}

TEST(AudioDevice, BadFramesAreCountedAndTheLinkStays) {
  StartedDevice rig;
  send_text(rig, "not json");
  send_text(rig,
            R"({"type":"client_status","payload":{"uptime_ms":1,"heap_free":1,"wifi_rssi":1}})");
  send_text(rig, R"({"type":"server_command","payload":{"command":"play_tone","tone":"fanfare"}})");
  rig.link().send_binary(std::string("\x01\x02\x03", 3));
  rig.scheduler.run_due();
  EXPECT_EQ(rig.dut.device.stats().bad_messages, 4u);
  EXPECT_EQ(rig.dut.device.stats().last_error, "a binary frame of odd length 3");
  EXPECT_EQ(rig.dut.device.link(), DeviceLink::kOpen);
  rig.scheduler.advance(200ms);
  EXPECT_EQ(rig.server.binaries.size(), 2u);
}

TEST(AudioDevice, RetriesWithADoublingBackOffCappedAt30Seconds) {
  DeviceRig rig;
  rig.ws_server.set_accepting(false);
  rig.dut.device.start();
  std::vector<core::Micros> dials;
  std::size_t seen = 0;
  for (core::Micros t = 0s; t <= 100s; t += 100ms) {
    rig.scheduler.run_until(t);
    for (; seen < rig.dut.socket.dialed().size(); ++seen) dials.push_back(rig.scheduler.now());
  }
  // Dialed at 0, then after 1, 2, 4, 8, 16, 30, 30 s.
  EXPECT_EQ(dials, (std::vector<core::Micros>{0s, 1s, 3s, 7s, 15s, 31s, 61s, 91s}));
}

TEST(AudioDevice, TheBackOffStartsAgainAfterAConnectionThatWorked) {
  DeviceRig rig;
  rig.ws_server.set_accepting(false);
  rig.dut.device.start();
  rig.scheduler.run_until(7s + 1ms);  // failures at 0, 1, 3, 7: the next dial is at 15 s
  rig.ws_server.set_accepting(true);
  rig.scheduler.run_until(15s + 1ms);
  ASSERT_EQ(rig.dut.device.link(), DeviceLink::kOpen);
  rig.dut.socket.drop();
  rig.scheduler.run_due();
  EXPECT_EQ(rig.dut.device.stats().last_retry_delay, 1s);
  rig.scheduler.advance(1s);
  EXPECT_EQ(rig.dut.device.link(), DeviceLink::kOpen);
}

TEST(AudioDevice, ABusyServerDoesNotResetTheBackOff) {
  DeviceRig rig;
  rig.ws_server.set_accepting(false);
  rig.dut.device.start();
  rig.scheduler.run_until(3s + 1ms);  // failures at 0, 1, 3: the next wait is 8 s
  rig.ws_server.set_accepting(true);
  rig.scheduler.run_until(7s + 1ms);
  ASSERT_EQ(rig.dut.device.link(), DeviceLink::kOpen);
  rig.link().close(core::kWsTryAgainLater, "Service busy");
  rig.scheduler.run_due();
  EXPECT_EQ(rig.dut.device.stats().last_retry_delay, 8s);
}

TEST(AudioDevice, MicrophoneBlocksAreDroppedWhileTheLinkIsDown) {
  DeviceRig rig;
  rig.ws_server.set_accepting(false);
  rig.dut.device.start();
  rig.scheduler.advance(500ms);
  rig.ws_server.set_accepting(true);
  rig.scheduler.advance(1s);  // dials again at 1 s
  EXPECT_EQ(rig.dut.device.stats().mic_blocks_dropped, 10u);
  EXPECT_EQ(rig.server.binaries.size(), 5u);
}

}  // namespace
}  // namespace hil::audio::testing
