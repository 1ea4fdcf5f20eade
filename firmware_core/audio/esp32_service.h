// The host service of the ESP32 audio front end (the plan's ESP32Service in
// shared/specs/esp32-audio-websocket.md, built as the plan means it: behaviour-notes.md). It is the
// server end of ws://HOST:8765/ws: the transport calls it as a core::WsEvents for every connection.
//
// One client at a time: a second connection is closed with 1013 "Service busy" and its frames are
// ignored; the first stream is not touched. Microphone frames reach the AppLogic only while
// streaming is on. play_audio() queues PCM that goes out paced at real time, never more than
// `playback_lead` (200 ms) ahead of the device, less `first_frame_allowance` (playback_pacer.h).
// wait_for_playback_completion() resolves when the device's playback_complete says it has played
// every sample sent on this connection, or, for a device that never sends it, `completion_grace`
// (500 ms) after the paced estimate of the last sample; the result says which. A client silent for
// `ping_interval` (2 s) is pinged; no frame or pong within `ping_timeout` (3 s) more and it is
// closed with 1011 as dead: found within 5 s of its last frame. Bad input is counted in error_count
// with last_error and dropped, never fatal: text that is not a valid device message
// (control_message.h), text over 4096 bytes, binary frames of odd length or over 32000 bytes (1 s
// of audio), and microphone audio beyond real time plus a 500 ms burst (mic_rate_guard.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "firmware_core/audio/app_logic.h"
#include "firmware_core/audio/control_message.h"
#include "firmware_core/audio/mic_rate_guard.h"
#include "firmware_core/audio/playback_pacer.h"
#include "firmware_core/ports/line_sink.h"
#include "firmware_core/ports/scheduler.h"
#include "firmware_core/ports/websocket.h"

namespace hil::audio {

struct Esp32ServicePorts {
  core::Scheduler& scheduler;
  core::LineSink& log;  // one line per notable event, no terminator
};

struct Esp32ServiceOptions {
  core::Micros playback_lead = std::chrono::milliseconds(200);
  // Kept in hand under the lead for the first frame's way to the device: a device starts its clock
  // when that frame arrives, so the lead it sees is ours plus that frame's delay over later ones.
  core::Micros first_frame_allowance = std::chrono::milliseconds(5);
  std::size_t playback_chunk_samples = 1600;  // 100 ms per binary frame sent
  core::Micros completion_grace = std::chrono::milliseconds(500);
  core::Micros ping_interval = std::chrono::seconds(2);
  core::Micros ping_timeout = std::chrono::seconds(3);
  std::size_t max_text_bytes = 4096;
  std::size_t max_binary_bytes = 32000;
  core::Micros mic_burst = std::chrono::milliseconds(500);
};

// get_status(), with the fields of behaviour-notes.md.
struct ServiceStatus {
  bool is_connected = false;
  bool audio_streaming = false;  // the gate is on and a client is connected
  bool audio_playing = false;    // audio queued, or sent and not yet known to be played
  std::optional<core::Micros> last_activity;  // the last frame or pong from a client
  std::uint64_t error_count = 0;
  std::string last_error;  // printable; empty before the first error
};

enum class PlaybackEnd {
  kDeviceConfirmed,  // the device's playback_complete covered every sample sent
  kPacedTime,        // no confirmation: the paced estimate plus the grace went by
  kNothingPlaying,   // there was nothing queued or unconfirmed when asked
  kStopped,          // stop_audio_playback()
  kDisconnected,     // the client went away first
};
const char* to_string(PlaybackEnd end);

// get_status() and the counters as JSON objects, keyed by their field names (logs, scenarios).
nlohmann::json to_json(const ServiceStatus& status);

struct PlaybackResult {
  PlaybackEnd end = PlaybackEnd::kNothingPlaying;
  core::Micros at{0};
};

struct ServiceCounters;
nlohmann::json to_json(const ServiceCounters& counters);

struct ServiceCounters {
  std::uint64_t connections = 0;      // clients accepted
  std::uint64_t busy_rejections = 0;  // second clients closed with 1013
  std::uint64_t dead_peers = 0;       // clients closed for want of a pong
  std::uint64_t mic_frames_forwarded = 0;
  std::uint64_t mic_frames_gated = 0;  // dropped while streaming was off
  std::uint64_t frames_sent = 0;       // playback frames
};

class Esp32Service : public core::WsEvents {
 public:
  using OnPlaybackDone = std::function<void(const PlaybackResult&)>;

  explicit Esp32Service(Esp32ServicePorts ports, Esp32ServiceOptions options = {});
  ~Esp32Service() override;
  Esp32Service(const Esp32Service&) = delete;
  Esp32Service& operator=(const Esp32Service&) = delete;

  // The application; null for none. It must outlive the service or be unset first.
  void set_app(AppLogic* app) { app_ = app; }

  void start_audio_streaming();
  void stop_audio_streaming();
  // Queues PCM for the device; false (nothing queued) when no client is connected.
  bool play_audio(PcmView samples);
  // The same for a shared clip, queued without a copy (a long reply played to many clients).
  bool play_audio(SharedClip clip);
  // Forgets the queued audio; waiters resolve with kStopped.
  void stop_audio_playback();
  // `done` runs once, when playback ends (at once if nothing is playing).
  void wait_for_playback_completion(OnPlaybackDone done);
  // Each returns false when no client is connected.
  bool send_command(const ServerCommand& command);
  bool send_status(const ServerStatus& status);
  // Closes the client with 1001 (the service is going away).
  void shutdown();

  ServiceStatus get_status() const;
  bool is_connected() const { return client_ != nullptr; }
  const std::optional<ClientStatus>& device_status() const { return device_status_; }
  const ServiceCounters& counters() const { return counters_; }
  // How far the audio sent is ahead of the device's estimated playback now.
  core::Micros playback_lead() const { return pacer_.lead(ports_.scheduler.now()); }
  core::Micros now() const { return ports_.scheduler.now(); }

  // core::WsEvents, called by the server's transport for every connection.
  void on_open(core::WsConnection& connection) override;
  void on_text(core::WsConnection& connection, std::string_view text) override;
  void on_binary(core::WsConnection& connection, std::string_view bytes) override;
  void on_pong(core::WsConnection& connection) override;
  void on_close(core::WsConnection& connection, core::WsCloseCode code,
                std::string_view reason) override;

 private:
  void drop_client(const std::string& why);
  void heard();
  void arm_liveness_timer(core::Micros due);
  void check_liveness();
  void on_device_event(const DeviceEvent& event);
  void pump();
  // Runs pump() as its own event at `at` (replacing a pending one).
  void schedule_pump(core::Micros at);
  // What both play_audio()s do once the audio is queued.
  void start_playback();
  void arm_completion_timer();
  void finish_playback(PlaybackEnd end);
  void record_error(const std::string& what);

  Esp32ServicePorts ports_;
  Esp32ServiceOptions options_;
  AppLogic* app_ = nullptr;
  core::WsConnection* client_ = nullptr;
  bool streaming_ = false;
  PlaybackPacer pacer_;
  MicRateGuard mic_guard_;
  std::uint64_t samples_sent_ = 0;  // on this connection
  bool playback_open_ = false;      // sent audio not yet known to be played
  std::vector<OnPlaybackDone> waiters_;
  std::optional<ClientStatus> device_status_;
  std::optional<core::Micros> last_activity_;
  std::optional<core::Micros> ping_sent_at_;  // a ping is out, unanswered
  std::uint64_t error_count_ = 0;
  std::string last_error_;
  ServiceCounters counters_;
  core::TimerId pump_timer_ = 0;
  core::TimerId completion_timer_ = 0;
  core::TimerId liveness_timer_ = 0;
};

}  // namespace hil::audio
