// The host service against recording clients: one client at a time, the streaming gate, paced
// playback and its completion, status, liveness and bad input.
#include "firmware_core/audio/esp32_service.h"

#include <gtest/gtest.h>

#include "tests/audio/audio_rigs.h"
#include "tests/audio/recording_app.h"
#include "tests/audio/test_signals.h"

namespace hil::audio::testing {
namespace {

struct AppServiceRig : ServiceRig {
  explicit AppServiceRig(Esp32ServiceOptions options = {}) : ServiceRig(options) {
    service.set_app(&app);
  }
  RecordingApp app;
};

void send_pcm(ServiceRig& rig, RawClient& client, PcmView samples) {
  client.socket.send_binary(encode_pcm(samples));
  rig.scheduler.run_due();
}

void send_text(ServiceRig& rig, RawClient& client, const std::string& text) {
  client.socket.send_text(text);
  rig.scheduler.run_due();
}

// A client connected, `samples` queued for it, and a waiter on their completion.
struct PlayingRig : AppServiceRig {
  explicit PlayingRig(std::size_t samples) {
    client = connect_client();
    service.play_audio(counting(samples, 0));
    service.wait_for_playback_completion([this](const PlaybackResult& r) { result = r; });
  }
  std::unique_ptr<RawClient> client;
  std::optional<PlaybackResult> result;
};

std::string playback_complete(std::uint64_t samples) {
  return to_text(DeviceEvent{"speaker", "playback_complete", samples});
}

TEST(Esp32Service, AcceptsAClientAndReportsItConnected) {
  AppServiceRig rig;
  EXPECT_FALSE(rig.service.get_status().is_connected);
  auto client = rig.connect_client();
  EXPECT_TRUE(rig.service.is_connected());
  EXPECT_EQ(rig.app.connects, 1);
  const ServiceStatus status = rig.service.get_status();
  EXPECT_TRUE(status.is_connected);
  EXPECT_FALSE(status.audio_streaming);
  EXPECT_FALSE(status.audio_playing);
  EXPECT_EQ(status.error_count, 0u);
  EXPECT_EQ(status.last_activity, core::Micros(0));
}

TEST(Esp32Service, ASecondClientGets1013AndTheFirstStreamLosesNothing) {
  AppServiceRig rig;
  rig.service.start_audio_streaming();
  auto first = rig.connect_client();
  send_pcm(rig, *first, counting(1600, 0));
  auto second = rig.connect_client();
  send_pcm(rig, *second, counting(1600, 5000));
  rig.scheduler.advance(100ms);
  send_pcm(rig, *first, counting(1600, 1600));
  ASSERT_EQ(second->peer.closes.size(), 1u);
  EXPECT_EQ(second->peer.closes[0],
            std::make_pair(core::kWsTryAgainLater, std::string("Service busy")));
  EXPECT_TRUE(first->peer.closes.empty());
  EXPECT_EQ(rig.app.heard, counting(3200, 0));
  EXPECT_EQ(rig.service.counters().busy_rejections, 1u);
  EXPECT_EQ(rig.app.connects, 1);
}

TEST(Esp32Service, MicrophoneAudioReachesTheAppOnlyWhileStreaming) {
  AppServiceRig rig;
  auto client = rig.connect_client();
  send_pcm(rig, *client, counting(1600, 0));
  rig.service.start_audio_streaming();
  EXPECT_TRUE(rig.service.get_status().audio_streaming);
  rig.scheduler.advance(100ms);
  send_pcm(rig, *client, counting(1600, 100));
  rig.service.stop_audio_streaming();
  rig.scheduler.advance(100ms);
  send_pcm(rig, *client, counting(1600, 200));
  EXPECT_EQ(rig.app.heard, counting(1600, 100));
  EXPECT_EQ(rig.service.counters().mic_frames_gated, 2u);
}

// Arrival times of the frames a client got, as lead over real-time playback from the first.
core::Micros max_lead(const RecordingPeer& peer) {
  core::Micros max{0};
  std::uint64_t samples = 0;
  const core::Micros start = peer.binaries.front().at;
  for (const ReceivedFrame& frame : peer.binaries) {
    const std::uint64_t played = samples_in(frame.at - start);
    samples += frame.bytes.size() / kBytesPerSample;
    max = std::max(max, duration_of(samples - std::min(samples, played)));
  }
  return max;
}

TEST(Esp32Service, PlaybackIsPacedWithALeadNeverAbove200Ms) {
  AppServiceRig rig;
  auto client = rig.connect_client();
  ASSERT_TRUE(rig.service.play_audio(counting(16000 * 3, 0)));
  core::Micros largest{0};
  for (int i = 0; i < 400; ++i) {
    rig.scheduler.advance(10ms);
    largest = std::max(largest, rig.service.playback_lead());
  }
  EXPECT_LE(largest, 200ms);
  EXPECT_LE(max_lead(client->peer), 200ms);
  std::vector<Sample> received;
  for (const ReceivedFrame& frame : client->peer.binaries) {
    const auto samples = decode_pcm(frame.bytes);
    received.insert(received.end(), samples.begin(), samples.end());
  }
  EXPECT_EQ(received, counting(48000, 0));
  EXPECT_EQ(client->peer.binaries.size(), 30u);
}

TEST(Esp32Service, CompletionResolvesOnTheDevicesPlaybackComplete) {
  PlayingRig rig(3200);
  EXPECT_TRUE(rig.service.get_status().audio_playing);
  rig.scheduler.advance(210ms);
  send_text(rig, *rig.client, playback_complete(3200));
  ASSERT_TRUE(rig.result);
  EXPECT_EQ(rig.result->end, PlaybackEnd::kDeviceConfirmed);
  EXPECT_EQ(rig.result->at, 210ms);
  EXPECT_FALSE(rig.service.get_status().audio_playing);
}

TEST(Esp32Service, APlaybackCompleteForFewerSamplesThanSentIsAGapNotTheEnd) {
  PlayingRig rig(3200);
  send_text(rig, *rig.client, playback_complete(1600));
  EXPECT_FALSE(rig.result);
  EXPECT_EQ(rig.app.events.size(), 1u);
}

TEST(Esp32Service, CompletionFallsBackToPacedTimeWithoutTheDevicesWord) {
  PlayingRig rig(4800);
  rig.scheduler.advance(799ms);
  EXPECT_FALSE(rig.result);
  rig.scheduler.advance(1ms);
  ASSERT_TRUE(rig.result);
  EXPECT_EQ(rig.result->end, PlaybackEnd::kPacedTime);
  EXPECT_EQ(rig.result->at, 800ms);  // 300 ms of audio, then the 500 ms grace
}

TEST(Esp32Service, StopClearsTheQueueAndReleasesWaiters) {
  PlayingRig rig(16000);
  rig.scheduler.advance(50ms);
  rig.service.stop_audio_playback();
  ASSERT_TRUE(rig.result);
  EXPECT_EQ(rig.result->end, PlaybackEnd::kStopped);
  rig.scheduler.advance(2s);
  EXPECT_EQ(rig.client->peer.binaries.size(), 2u);
  EXPECT_FALSE(rig.service.get_status().audio_playing);
}

TEST(Esp32Service, WaitingWithNothingPlayingResolvesAtOnce) {
  AppServiceRig rig;
  auto client = rig.connect_client();
  std::optional<PlaybackResult> result;
  rig.service.wait_for_playback_completion([&](const PlaybackResult& r) { result = r; });
  ASSERT_TRUE(result);
  EXPECT_EQ(result->end, PlaybackEnd::kNothingPlaying);
}

TEST(Esp32Service, PlayingWithoutAClientIsRefused) {
  AppServiceRig rig;
  EXPECT_FALSE(rig.service.play_audio(counting(100, 0)));
  EXPECT_FALSE(rig.service.send_command(PlayTone{"ack"}));
}

TEST(Esp32Service, ADisconnectReleasesWaitersAndAReconnectIsServed) {
  PlayingRig rig(16000);
  rig.service.start_audio_streaming();
  rig.client->socket.drop();
  rig.scheduler.run_due();
  ASSERT_TRUE(rig.result);
  EXPECT_EQ(rig.result->end, PlaybackEnd::kDisconnected);
  EXPECT_FALSE(rig.service.is_connected());
  EXPECT_EQ(rig.app.disconnects, 1);
  auto again = rig.connect_client();
  EXPECT_TRUE(again->peer.closes.empty());
  send_pcm(rig, *again, counting(1600, 0));
  EXPECT_EQ(rig.app.heard.size(), 1600u);
  EXPECT_TRUE(rig.service.get_status().audio_streaming);
}

TEST(Esp32Service, ASilentPeerIsPingedAndDroppedWithinFiveSeconds) {
  AppServiceRig rig;
  auto client = rig.connect_client();
  rig.scheduler.advance(1s);
  send_text(rig, *client,
            R"({"type":"client_status","payload":{"uptime_ms":1,"heap_free":2,"wifi_rssi":-3}})");
  client->socket.go_silent();
  const core::Micros last_heard = rig.scheduler.now();
  rig.scheduler.advance(4999ms);
  EXPECT_TRUE(rig.service.is_connected());
  rig.scheduler.advance(1ms);
  EXPECT_FALSE(rig.service.is_connected());
  EXPECT_EQ(rig.scheduler.now() - last_heard, 5s);
  EXPECT_EQ(rig.service.counters().dead_peers, 1u);
  EXPECT_EQ(rig.service.get_status().error_count, 1u);
  auto again = rig.connect_client();
  EXPECT_TRUE(rig.service.is_connected());
}

TEST(Esp32Service, AQuietPeerThatAnswersPingsStays) {
  AppServiceRig rig;
  auto client = rig.connect_client();
  rig.scheduler.advance(60s);
  EXPECT_TRUE(rig.service.is_connected());
  EXPECT_EQ(rig.service.get_status().last_activity, 60s);  // pinged every 2 s, answered at once
}

TEST(Esp32Service, KeepsTheDevicesStatusAndForwardsItsEvents) {
  AppServiceRig rig;
  auto client = rig.connect_client();
  send_text(
      rig, *client,
      R"({"type":"client_status","payload":{"uptime_ms":120000,"heap_free":50123,"wifi_rssi":-55}})");
  send_text(rig, *client, R"({"type":"event","payload":{"source":"button","action":"pressed"}})");
  ASSERT_TRUE(rig.service.device_status());
  EXPECT_EQ(*rig.service.device_status(), (ClientStatus{120000, 50123, -55}));
  EXPECT_EQ(rig.app.events, (std::vector<DeviceEvent>{{"button", "pressed", std::nullopt}}));
}

TEST(Esp32Service, SendsCommandsAndStatus) {
  AppServiceRig rig;
  auto client = rig.connect_client();
  EXPECT_TRUE(rig.service.send_command(SetLedColor{1, 2, 3}));
  EXPECT_TRUE(rig.service.send_status(ServerStatus{true, false}));
  rig.scheduler.run_due();
  ASSERT_EQ(client->peer.texts.size(), 2u);
  EXPECT_EQ(client->peer.texts[1].bytes,
            R"({"type":"server_status","payload":{"listening":true,"speaking":false}})");
}

TEST(Esp32Service, BadInputIsCountedAndTheStreamGoesOn) {
  Esp32ServiceOptions options;
  AppServiceRig rig(options);
  rig.service.start_audio_streaming();
  auto client = rig.connect_client();
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"text", "hello"},
      {"text", R"({"type":"hotword_detected","payload":{}})"},
      {"text", R"({"type":"server_command","payload":{"command":"reboot"}})"},
      {"text", std::string(5000, ' ')},
      {"binary", std::string(3, '\0')},
      {"binary", std::string(32002, '\0')},
  };
  for (const auto& [kind, bytes] : bad) {
    if (kind == "text") {
      send_text(rig, *client, bytes);
    } else {
      client->socket.send_binary(bytes);
      rig.scheduler.run_due();
    }
  }
  const ServiceStatus status = rig.service.get_status();
  EXPECT_EQ(status.error_count, 6u);
  EXPECT_EQ(status.last_error, "a binary frame of 32002 bytes (limit 32000)");
  EXPECT_TRUE(status.is_connected);
  send_pcm(rig, *client, counting(1600, 0));
  EXPECT_EQ(rig.app.heard, counting(1600, 0));
}

TEST(Esp32Service, MicrophoneAudioFasterThanRealTimeIsCountedAndCut) {
  AppServiceRig rig;
  rig.service.start_audio_streaming();
  auto client = rig.connect_client();
  for (int i = 0; i < 40; ++i) {  // 100 ms frames every 50 ms for 2 s
    rig.scheduler.advance(50ms);
    send_pcm(rig, *client, counting(1600, 0));
  }
  const ServiceStatus status = rig.service.get_status();
  EXPECT_EQ(status.error_count, 16u);
  EXPECT_NE(status.last_error.find("faster than real time"), std::string::npos);
  EXPECT_EQ(rig.app.frames, 24);
  EXPECT_TRUE(status.is_connected);
}

TEST(Esp32Service, ShutdownClosesTheClientWithGoingAway) {
  AppServiceRig rig;
  auto client = rig.connect_client();
  rig.service.shutdown();
  rig.scheduler.run_due();
  ASSERT_EQ(client->peer.closes.size(), 1u);
  EXPECT_EQ(client->peer.closes[0].first, core::kWsGoingAway);
  EXPECT_FALSE(rig.service.is_connected());
}

}  // namespace
}  // namespace hil::audio::testing
