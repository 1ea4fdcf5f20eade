// The audio device: link and back-off, microphone blocks, the playback buffer, control frames.
#include "firmware_core/audio/audio_device.h"

#include <utility>

#include "firmware_core/audio/tones.h"
#include "firmware_core/common/text.h"

namespace hil::audio {

const char* to_string(DeviceLink link) {
  switch (link) {
    case DeviceLink::kIdle:
      return "idle";
    case DeviceLink::kConnecting:
      return "connecting";
    case DeviceLink::kOpen:
      return "open";
    case DeviceLink::kWaiting:
      return "waiting";
    case DeviceLink::kHalted:
      return "halted";
  }
  return "idle";
}

AudioDevice::AudioDevice(AudioDevicePorts ports, AudioDeviceOptions options)
    : ports_(ports),
      options_(std::move(options)),
      backoff_(options_.first_retry, options_.longest_retry),
      buffer_(options_.playback_buffer_samples),
      mic_block_(options_.mic_block_samples) {}

AudioDevice::~AudioDevice() {
  core::cancel_timer(ports_.scheduler, mic_timer_);
  core::cancel_timer(ports_.scheduler, status_timer_);
  core::cancel_timer(ports_.scheduler, feed_timer_);
  core::cancel_timer(ports_.scheduler, redial_timer_);
}

nlohmann::json to_json(const AudioDeviceStats& stats) {
  return {{"connects", stats.connects},
          {"mic_frames_sent", stats.mic_frames_sent},
          {"frames_received", stats.frames_received},
          {"overruns", stats.overruns},
          {"underruns", stats.underruns},
          {"playbacks_completed", stats.playbacks_completed},
          {"bad_messages", stats.bad_messages}};
}

void AudioDevice::start() {
  if (link_ != DeviceLink::kIdle) return;
  boot_at_ = ports_.scheduler.now();
  // What the microphone held before the firmware ran is no part of its stream: a burst of it
  // would reach the service as audio from before the board was up.
  while (ports_.microphone.read(mic_block_.data(), mic_block_.size()) == mic_block_.size()) {
  }
  mic_due_ = boot_at_ + duration_of(mic_block_.size());
  mic_timer_ = ports_.scheduler.call_at(mic_due_, [this] { read_microphone(); });
  connect();
}

void AudioDevice::connect() {
  redial_timer_ = 0;
  link_ = DeviceLink::kConnecting;
  ports_.socket.connect(options_.url);
}

void AudioDevice::on_open(core::WsConnection&) {
  if (link_ != DeviceLink::kConnecting) return;
  link_ = DeviceLink::kOpen;
  ++stats_.connects;
  samples_received_ = 0;
  send_status();
  arm_status_timer();
}

void AudioDevice::on_close(core::WsConnection&, core::WsCloseCode code, std::string_view) {
  if (link_ != DeviceLink::kOpen && link_ != DeviceLink::kConnecting) return;
  const bool worked = link_ == DeviceLink::kOpen;
  ++stats_.closes;
  core::cancel_timer(ports_.scheduler, status_timer_);
  link_ = DeviceLink::kWaiting;
  schedule_redial(worked, code);
}

// 1013 is the server saying "busy, try later": not a connection that worked.
void AudioDevice::schedule_redial(bool worked, core::WsCloseCode code) {
  if (worked && code != core::kWsTryAgainLater) backoff_.reset();
  stats_.last_retry_delay = backoff_.next_delay();
  redial_timer_ = ports_.scheduler.call_at(ports_.scheduler.now() + stats_.last_retry_delay,
                                           [this] { connect(); });
}

// Runs on a grid of block times so reads never drift; reads all that is ready, block by block.
void AudioDevice::read_microphone() {
  for (;;) {
    const std::size_t got =
        ports_.microphone.read(mic_block_.data() + mic_fill_, mic_block_.size() - mic_fill_);
    mic_fill_ += got;
    if (mic_fill_ < mic_block_.size()) break;
    mic_fill_ = 0;
    if (link_ == DeviceLink::kOpen && ports_.socket.send_binary(encode_pcm(mic_block_))) {
      ++stats_.mic_frames_sent;
    } else {
      ++stats_.mic_blocks_dropped;
    }
  }
  mic_due_ += duration_of(mic_block_.size());
  mic_timer_ = ports_.scheduler.call_at(mic_due_, [this] { read_microphone(); });
}

void AudioDevice::send_status() {
  ClientStatus status;
  status.uptime_ms = core::to_ms(ports_.scheduler.now() - boot_at_);
  status.heap_free = ports_.board.heap_free();
  status.wifi_rssi = ports_.board.wifi_rssi();
  ports_.socket.send_text(to_text(status));
}

void AudioDevice::arm_status_timer() {
  status_timer_ = ports_.scheduler.call_at(ports_.scheduler.now() + options_.status_period, [this] {
    send_status();
    arm_status_timer();
  });
}

void AudioDevice::on_button_pressed() {
  if (link_ != DeviceLink::kOpen) return;
  ports_.socket.send_text(to_text(DeviceEvent{"button", "pressed", std::nullopt}));
}

void AudioDevice::on_text(core::WsConnection&, std::string_view text) {
  if (link_ != DeviceLink::kOpen) return;
  ControlParse parsed = parse_control(text);
  if (!parsed.message) {
    reject(std::string(to_string(parsed.error)) + ": " + parsed.detail);
    return;
  }
  if (const auto* command = std::get_if<ServerCommand>(&*parsed.message)) {
    obey(*command);
  } else if (const auto* status = std::get_if<ServerStatus>(&*parsed.message)) {
    server_status_ = *status;
  } else {
    reject("a device-to-server message sent to the device");
  }
}

void AudioDevice::obey(const ServerCommand& command) {
  if (const auto* tone = std::get_if<PlayTone>(&command)) {
    const auto samples = render_tone(tone->tone);
    if (!samples) {
      reject("no tone named \"" + core::printable_excerpt(tone->tone, kExcerptBytes) + "\"");
      return;
    }
    queue_for_playback(*samples);
  } else if (const auto* led = std::get_if<SetLedColor>(&command)) {
    ports_.led.set_color(led->r, led->g, led->b);
  } else {
    link_ = DeviceLink::kHalted;
    core::cancel_timer(ports_.scheduler, mic_timer_);
    core::cancel_timer(ports_.scheduler, status_timer_);
    core::cancel_timer(ports_.scheduler, feed_timer_);
    ports_.socket.close(core::kWsGoingAway, "rebooting");
    ports_.restarter.reboot();
  }
}

void AudioDevice::on_binary(core::WsConnection&, std::string_view bytes) {
  if (link_ != DeviceLink::kOpen) return;
  if (bytes.size() % kBytesPerSample != 0) {
    reject("a binary frame of odd length " + std::to_string(bytes.size()));
    return;
  }
  const std::vector<Sample> samples = decode_pcm(bytes);
  ++stats_.frames_received;
  samples_received_ += samples.size();
  const core::Micros now = ports_.scheduler.now();
  if (dry_at_ && now - *dry_at_ <= options_.underrun_window) ++stats_.underruns;
  dry_at_.reset();
  queue_for_playback(samples);
}

void AudioDevice::on_pong(core::WsConnection&) {}

void AudioDevice::queue_for_playback(PcmView samples) {
  const std::size_t dropped = buffer_.push(samples);
  if (dropped > 0) {
    ++stats_.overruns;
    stats_.overrun_samples += dropped;
  }
  playing_ = true;
  feed_speaker();
}

// Tops the speaker up; once both are dry, reports the end of playback and stops ticking.
void AudioDevice::feed_speaker() {
  while (!buffer_.empty()) {
    const PcmView run = buffer_.front();
    const std::size_t taken = ports_.speaker.write(run.data, run.size);
    buffer_.pop(taken);
    if (taken < run.size) break;
  }
  if (!buffer_.empty() || ports_.speaker.pending() > 0) {
    if (feed_timer_ == 0) arm_feed_timer();
    return;
  }
  core::cancel_timer(ports_.scheduler, feed_timer_);
  if (!playing_) return;
  playing_ = false;
  dry_at_ = ports_.scheduler.now();
  ++stats_.playbacks_completed;
  if (link_ != DeviceLink::kOpen) return;
  ports_.socket.send_text(to_text(DeviceEvent{"speaker", "playback_complete", samples_received_}));
}

void AudioDevice::arm_feed_timer() {
  feed_timer_ = ports_.scheduler.call_at(ports_.scheduler.now() + options_.feed_period, [this] {
    feed_timer_ = 0;
    feed_speaker();
  });
}

void AudioDevice::reject(const std::string& why) {
  ++stats_.bad_messages;
  stats_.last_error = why;
}

}  // namespace hil::audio
