// The ESP32 audio front end's firmware (shared/specs/esp32-audio-websocket.md): a WebSocket client
// of the host service that streams its microphone up and plays what comes down.
//
//   AudioDevice device({scheduler, socket, mic, speaker, board, led, restarter}, {.url = ...});
//   device.start();   // connects; the socket's events go to the device (it is a core::WsEvents)
//
// Link: connects to options.url at start(). After a close it waits and dials again: 1 s, then
// doubling to 30 s (reconnect_backoff.h). The wait goes back to 1 s after a connection that was
// open, except one the server closed with 1013 (busy): that one continues the sequence.
// Microphone: read every block's time; each full block (1600 samples = 100 ms by default) is sent
// as one binary frame while the link is open, and dropped while it is not (never stale audio).
// Speaker: binary frames go into a bounded playback buffer (8000 samples = 500 ms by default);
// samples that do not fit are dropped and counted (an overrun). Every 10 ms the buffer tops up
// the speaker. When the buffer and the speaker have both run dry the device sends
//   {"type":"event","payload":{"source":"speaker","action":"playback_complete",
//    "samples_received":N}}
// (N: every PCM sample received on this connection, so the service can tell the end of its
// stream from a gap). Audio arriving again within 500 ms of running dry was a gap in one stream:
// an underrun.
// Control: client_status at open and every 5 s; event button/pressed on on_button_pressed();
// server_command play_tone (tones.h, played through the same buffer), set_led_color, reboot
// (closes with 1001, then the restarter); the last server_status is kept. Frames that are not
// valid control messages for a device, and odd-length binary frames, are counted and dropped.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "firmware_core/audio/control_message.h"
#include "firmware_core/audio/device_ports.h"
#include "firmware_core/audio/playback_buffer.h"
#include "firmware_core/audio/reconnect_backoff.h"

namespace hil::audio {

struct AudioDeviceOptions {
  std::string url = "ws://127.0.0.1:8765/ws";
  std::size_t mic_block_samples = 1600;        // 100 ms
  std::size_t playback_buffer_samples = 8000;  // 500 ms
  core::Micros status_period = std::chrono::seconds(5);
  core::Micros feed_period = std::chrono::milliseconds(10);
  core::Micros underrun_window = std::chrono::milliseconds(500);
  core::Micros first_retry = std::chrono::seconds(1);
  core::Micros longest_retry = std::chrono::seconds(30);
};

enum class DeviceLink {
  kIdle,        // not started
  kConnecting,  // dialing
  kOpen,
  kWaiting,  // closed, dialing again after the back-off
  kHalted,   // rebooting: nothing more until a new firmware instance starts
};
const char* to_string(DeviceLink link);

struct AudioDeviceStats {
  std::uint64_t connects = 0;  // connections opened
  std::uint64_t closes = 0;    // connections closed or attempts failed
  std::uint64_t mic_frames_sent = 0;
  std::uint64_t mic_blocks_dropped = 0;  // full blocks read while the link was not open
  std::uint64_t frames_received = 0;     // binary frames accepted for playback
  std::uint64_t overruns = 0;            // frames or tones that did not wholly fit the buffer
  std::uint64_t overrun_samples = 0;     // samples those dropped
  std::uint64_t underruns = 0;           // gaps within a stream (see above)
  std::uint64_t playbacks_completed = 0;
  std::uint64_t bad_messages = 0;    // frames dropped as invalid
  std::string last_error;            // why the last one was
  core::Micros last_retry_delay{0};  // the wait before the last redial
};

// The counters as a JSON object keyed by their field names (logs, scenarios).
nlohmann::json to_json(const AudioDeviceStats& stats);

class AudioDevice : public core::WsEvents {
 public:
  // The ports must outlive the device.
  explicit AudioDevice(AudioDevicePorts ports, AudioDeviceOptions options = {});
  ~AudioDevice() override;
  AudioDevice(const AudioDevice&) = delete;
  AudioDevice& operator=(const AudioDevice&) = delete;

  // Power-on: starts reading the microphone and dials the service.
  void start();
  // The button's interrupt: an event frame when the link is open.
  void on_button_pressed();

  // core::WsEvents, called by the socket's transport.
  void on_open(core::WsConnection& connection) override;
  void on_text(core::WsConnection& connection, std::string_view text) override;
  void on_binary(core::WsConnection& connection, std::string_view bytes) override;
  void on_pong(core::WsConnection& connection) override;
  void on_close(core::WsConnection& connection, core::WsCloseCode code,
                std::string_view reason) override;

  DeviceLink link() const { return link_; }
  const AudioDeviceStats& stats() const { return stats_; }
  const std::optional<ServerStatus>& last_server_status() const { return server_status_; }
  // Samples waiting in the playback buffer (not those already in the speaker).
  std::size_t buffered_samples() const { return buffer_.size(); }
  const AudioDeviceOptions& options() const { return options_; }

 private:
  void connect();
  void schedule_redial(bool worked, core::WsCloseCode code);
  void read_microphone();
  void send_status();
  void arm_status_timer();
  void obey(const ServerCommand& command);
  void queue_for_playback(PcmView samples);
  void feed_speaker();
  void arm_feed_timer();
  void reject(const std::string& why);

  AudioDevicePorts ports_;
  AudioDeviceOptions options_;
  ReconnectBackoff backoff_;
  PlaybackBuffer buffer_;
  AudioDeviceStats stats_;
  DeviceLink link_ = DeviceLink::kIdle;
  std::optional<ServerStatus> server_status_;
  core::Micros boot_at_{0};
  std::vector<Sample> mic_block_;
  std::size_t mic_fill_ = 0;
  core::Micros mic_due_{0};
  std::uint64_t samples_received_ = 0;  // on this connection
  bool playing_ = false;                // the speaker has had samples since it last ran dry
  std::optional<core::Micros> dry_at_;  // when it last ran dry
  core::TimerId mic_timer_ = 0;
  core::TimerId status_timer_ = 0;
  core::TimerId feed_timer_ = 0;
  core::TimerId redial_timer_ = 0;
};

}  // namespace hil::audio
