// The host service: one client, the microphone gate, paced playback and its completion, liveness,
// and bad input counted.
#include "firmware_core/audio/esp32_service.h"

#include <utility>

#include "firmware_core/common/text.h"

namespace hil::audio {

const char* to_string(PlaybackEnd end) {
  switch (end) {
    case PlaybackEnd::kDeviceConfirmed:
      return "device_confirmed";
    case PlaybackEnd::kPacedTime:
      return "paced_time";
    case PlaybackEnd::kNothingPlaying:
      return "nothing_playing";
    case PlaybackEnd::kStopped:
      return "stopped";
    case PlaybackEnd::kDisconnected:
      return "disconnected";
  }
  return "nothing_playing";
}

Esp32Service::Esp32Service(Esp32ServicePorts ports, Esp32ServiceOptions options)
    : ports_(ports),
      options_(options),
      pacer_(options.playback_lead > options.first_frame_allowance
                 ? options.playback_lead - options.first_frame_allowance
                 : options.playback_lead,
             options.playback_chunk_samples),
      mic_guard_(options.mic_burst) {}

Esp32Service::~Esp32Service() {
  core::cancel_timer(ports_.scheduler, pump_timer_);
  core::cancel_timer(ports_.scheduler, completion_timer_);
  core::cancel_timer(ports_.scheduler, liveness_timer_);
}

void Esp32Service::on_open(core::WsConnection& connection) {
  if (client_ != nullptr) {
    ++counters_.busy_rejections;
    ports_.log.write_line("a second client was refused with 1013: one client at a time");
    connection.close(core::kWsTryAgainLater, "Service busy");
    return;
  }
  client_ = &connection;
  ++counters_.connections;
  samples_sent_ = 0;
  mic_guard_.reset(ports_.scheduler.now());
  ports_.log.write_line("ESP32 client connected");
  heard();
  if (app_ != nullptr) app_->on_connected(*this);
}

void Esp32Service::on_close(core::WsConnection& connection, core::WsCloseCode code,
                            std::string_view reason) {
  if (&connection != client_) return;
  drop_client("ESP32 client disconnected (" + std::to_string(code) + " " +
              core::printable_excerpt(reason, kExcerptBytes) + ")");
}

void Esp32Service::drop_client(const std::string& why) {
  client_ = nullptr;
  ping_sent_at_.reset();
  core::cancel_timer(ports_.scheduler, liveness_timer_);
  core::cancel_timer(ports_.scheduler, pump_timer_);
  pacer_.clear();
  ports_.log.write_line(why);
  if (playback_open_ || !waiters_.empty()) finish_playback(PlaybackEnd::kDisconnected);
  if (app_ != nullptr) app_->on_disconnected(*this);
}

// Any frame proves the peer alive; the liveness timer moves forward lazily.
void Esp32Service::heard() {
  last_activity_ = ports_.scheduler.now();
  if (ping_sent_at_) {  // answered: the next check is one interval from now, not at the timeout
    ping_sent_at_.reset();
    core::cancel_timer(ports_.scheduler, liveness_timer_);
  }
  if (liveness_timer_ == 0) arm_liveness_timer(*last_activity_ + options_.ping_interval);
}

void Esp32Service::arm_liveness_timer(core::Micros due) {
  liveness_timer_ = ports_.scheduler.call_at(due, [this] {
    liveness_timer_ = 0;
    check_liveness();
  });
}

void Esp32Service::check_liveness() {
  if (client_ == nullptr) return;
  const core::Micros now = ports_.scheduler.now();
  if (ping_sent_at_) {
    if (now < *ping_sent_at_ + options_.ping_timeout) {
      arm_liveness_timer(*ping_sent_at_ + options_.ping_timeout);
      return;
    }
    ++counters_.dead_peers;
    record_error("no pong within " + std::to_string(core::to_ms(options_.ping_timeout)) +
                 " ms: the client is gone");
    core::WsConnection* dead = client_;
    drop_client("dropped the silent ESP32 client");
    dead->close(core::kWsInternalError, "keepalive ping timeout");
    return;
  }
  const core::Micros quiet_until = *last_activity_ + options_.ping_interval;
  if (now < quiet_until) {
    arm_liveness_timer(quiet_until);
    return;
  }
  ping_sent_at_ = now;
  client_->ping();
  arm_liveness_timer(now + options_.ping_timeout);
}

void Esp32Service::on_pong(core::WsConnection& connection) {
  if (&connection == client_) heard();
}

void Esp32Service::on_text(core::WsConnection& connection, std::string_view text) {
  if (&connection != client_) return;
  heard();
  if (text.size() > options_.max_text_bytes) {
    record_error("a text frame of " + std::to_string(text.size()) + " bytes (limit " +
                 std::to_string(options_.max_text_bytes) + ")");
    return;
  }
  ControlParse parsed = parse_control(text);
  if (!parsed.message) {
    record_error(std::string(to_string(parsed.error)) + ": " + parsed.detail);
    return;
  }
  if (const auto* status = std::get_if<ClientStatus>(&*parsed.message)) {
    device_status_ = *status;
  } else if (const auto* event = std::get_if<DeviceEvent>(&*parsed.message)) {
    on_device_event(*event);
  } else {
    record_error("a server-to-device message sent by the device");
  }
}

void Esp32Service::on_device_event(const DeviceEvent& event) {
  if (event.source == "speaker" && event.action == "playback_complete" && playback_open_ &&
      pacer_.queued_samples() == 0 &&
      (!event.samples_received || *event.samples_received >= samples_sent_)) {
    finish_playback(PlaybackEnd::kDeviceConfirmed);
  }
  if (app_ != nullptr) app_->on_device_event(*this, event);
}

void Esp32Service::on_binary(core::WsConnection& connection, std::string_view bytes) {
  if (&connection != client_) return;
  heard();
  if (bytes.size() % kBytesPerSample != 0) {
    record_error("a binary frame of odd length " + std::to_string(bytes.size()));
    return;
  }
  if (bytes.size() > options_.max_binary_bytes) {
    record_error("a binary frame of " + std::to_string(bytes.size()) + " bytes (limit " +
                 std::to_string(options_.max_binary_bytes) + ")");
    return;
  }
  if (!streaming_) {
    ++counters_.mic_frames_gated;
    return;
  }
  const std::size_t samples = bytes.size() / kBytesPerSample;
  if (!mic_guard_.admit(samples, ports_.scheduler.now())) {
    record_error("microphone audio faster than real time: a frame of " + std::to_string(samples) +
                 " samples dropped");
    return;
  }
  ++counters_.mic_frames_forwarded;
  const std::vector<Sample> pcm = decode_pcm(bytes);
  if (app_ != nullptr) app_->on_microphone(*this, pcm);
}

void Esp32Service::start_audio_streaming() {
  if (!streaming_) mic_guard_.reset(ports_.scheduler.now());
  streaming_ = true;
}

void Esp32Service::stop_audio_streaming() { streaming_ = false; }

bool Esp32Service::play_audio(PcmView samples) {
  if (client_ == nullptr) return false;
  pacer_.push(samples);
  start_playback();
  return true;
}

bool Esp32Service::play_audio(SharedClip clip) {
  if (client_ == nullptr) return false;
  pacer_.push(std::move(clip));
  start_playback();
  return true;
}

void Esp32Service::start_playback() {
  core::cancel_timer(ports_.scheduler, completion_timer_);
  // The first chunk goes as an event of its own: its clock reading comes after the work of
  // queuing, which would otherwise put the device that far ahead.
  schedule_pump(ports_.scheduler.now());
}

void Esp32Service::schedule_pump(core::Micros at) {
  core::cancel_timer(ports_.scheduler, pump_timer_);
  pump_timer_ = ports_.scheduler.call_at(at, [this] {
    pump_timer_ = 0;
    pump();
  });
}

// Sends what the lead allows now, then sleeps until the next chunk may go.
void Esp32Service::pump() {
  core::cancel_timer(ports_.scheduler, pump_timer_);
  if (client_ == nullptr) return;
  const core::Micros now = ports_.scheduler.now();
  while (auto chunk = pacer_.take(now)) {
    client_->send_binary(encode_pcm(*chunk));
    samples_sent_ += chunk->size();
    ++counters_.frames_sent;
    if (!playback_open_) ports_.log.write_line("playback started");
    playback_open_ = true;
    core::cancel_timer(ports_.scheduler, completion_timer_);
  }
  if (const auto next = pacer_.next_send_at(now)) {
    schedule_pump(*next);
  } else if (playback_open_ && completion_timer_ == 0) {
    arm_completion_timer();
  }
}

void Esp32Service::arm_completion_timer() {
  completion_timer_ =
      ports_.scheduler.call_at(pacer_.played_out_at() + options_.completion_grace, [this] {
        completion_timer_ = 0;
        finish_playback(PlaybackEnd::kPacedTime);
      });
}

void Esp32Service::finish_playback(PlaybackEnd end) {
  if (playback_open_) ports_.log.write_line(std::string("playback ended: ") + to_string(end));
  playback_open_ = false;
  core::cancel_timer(ports_.scheduler, completion_timer_);
  PlaybackResult result{end, ports_.scheduler.now()};
  std::vector<OnPlaybackDone> waiters = std::move(waiters_);
  waiters_.clear();
  for (OnPlaybackDone& done : waiters) done(result);
}

void Esp32Service::stop_audio_playback() {
  pacer_.clear();
  core::cancel_timer(ports_.scheduler, pump_timer_);
  finish_playback(PlaybackEnd::kStopped);
}

void Esp32Service::wait_for_playback_completion(OnPlaybackDone done) {
  if (!playback_open_ && pacer_.queued_samples() == 0) {
    done(PlaybackResult{PlaybackEnd::kNothingPlaying, ports_.scheduler.now()});
    return;
  }
  waiters_.push_back(std::move(done));
}

bool Esp32Service::send_command(const ServerCommand& command) {
  if (client_ == nullptr || !client_->send_text(to_text(command))) return false;
  ports_.log.write_line("sent " + to_text(command));
  return true;
}

bool Esp32Service::send_status(const ServerStatus& status) {
  if (client_ == nullptr || !client_->send_text(to_text(status))) return false;
  ports_.log.write_line("sent " + to_text(status));
  return true;
}

void Esp32Service::shutdown() {
  if (client_ == nullptr) return;
  core::WsConnection* leaving = client_;
  drop_client("service shutting down");
  leaving->close(core::kWsGoingAway, "Service shutting down");
}

nlohmann::json to_json(const ServiceStatus& status) {
  return {{"is_connected", status.is_connected},
          {"audio_streaming", status.audio_streaming},
          {"audio_playing", status.audio_playing},
          {"error_count", status.error_count},
          {"last_error", status.last_error}};
}

nlohmann::json to_json(const ServiceCounters& counters) {
  return {{"connections", counters.connections},
          {"busy_rejections", counters.busy_rejections},
          {"dead_peers", counters.dead_peers},
          {"mic_frames_forwarded", counters.mic_frames_forwarded},
          {"mic_frames_gated", counters.mic_frames_gated},
          {"frames_sent", counters.frames_sent}};
}

ServiceStatus Esp32Service::get_status() const {
  ServiceStatus status;
  status.is_connected = client_ != nullptr;
  status.audio_streaming = streaming_ && client_ != nullptr;
  status.audio_playing = client_ != nullptr && (playback_open_ || pacer_.queued_samples() > 0);
  status.last_activity = last_activity_;
  status.error_count = error_count_;
  status.last_error = last_error_;
  return status;
}

void Esp32Service::record_error(const std::string& what) {
  ++error_count_;
  last_error_ = what;
  ports_.log.write_line("ESP32 client error: " + last_error_);
}

}  // namespace hil::audio
