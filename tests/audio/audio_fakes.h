// Fakes of the audio family's ports, each a real implementation on virtual time with a test side:
// a microphone that captures a script, a speaker that plays at 16 kHz and records what it played,
// the board (LED, restart, heap and RSSI), a log, and a peer that records a connection's events.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "firmware_core/audio/device_ports.h"
#include "firmware_core/audio/pcm.h"
#include "firmware_core/ports/line_sink.h"
#include "firmware_core/ports/websocket.h"

namespace hil::audio::testing {

// Captures at 16 kHz from time 0: silence, except where a script was placed.
class ScriptedMicrophone : public core::AudioSource {
 public:
  explicit ScriptedMicrophone(const core::Scheduler& scheduler) : scheduler_(scheduler) {}
  std::size_t read(std::int16_t* out, std::size_t capacity) override;

  // The microphone hears `samples` from the sample being captured now on.
  void hear_now(PcmView samples);
  std::uint64_t samples_read() const { return read_; }

 private:
  const core::Scheduler& scheduler_;
  std::vector<Sample> script_;  // indexed by the sample clock since time 0
  std::uint64_t read_ = 0;
};

// Plays one sample per 1/16000 s from time 0: a queued one if there is one, silence otherwise.
class RecordingSpeaker : public core::AudioSink {
 public:
  // `capacity`: its DMA buffer, in samples.
  RecordingSpeaker(const core::Scheduler& scheduler, std::size_t capacity = 512)
      : scheduler_(scheduler), capacity_(capacity) {}
  std::size_t write(const std::int16_t* samples, std::size_t count) override;
  std::size_t pending() const override;

  // Every queued sample played so far, in order, without the silence between.
  const std::vector<Sample>& played() const;
  // The sample clock (since time 0) at which the last queued sample was played.
  std::uint64_t last_played_tick() const;

 private:
  void play_due() const;

  const core::Scheduler& scheduler_;
  std::size_t capacity_;
  mutable std::deque<Sample> queue_;
  mutable std::vector<Sample> played_;
  mutable std::uint64_t ticks_done_ = 0;
  mutable std::uint64_t last_played_tick_ = 0;
};

class FakeBoard : public BoardInfo, public StatusLed, public Restarter {
 public:
  std::int64_t heap_free() override { return heap; }
  std::int64_t wifi_rssi() override { return rssi; }
  void set_color(std::uint8_t r, std::uint8_t g, std::uint8_t b) override { color = {r, g, b}; }
  void reboot() override { ++reboots; }

  std::int64_t heap = 50123;
  std::int64_t rssi = -55;
  std::vector<int> color;
  int reboots = 0;
};

class RecordingLog : public core::LineSink {
 public:
  void write_line(std::string_view line) override { lines.emplace_back(line); }
  std::vector<std::string> lines;
};

struct ReceivedFrame {
  core::Micros at;
  std::string bytes;
};

// The far end of a connection as a test sees it: every event recorded with its time.
class RecordingPeer : public core::WsEvents {
 public:
  explicit RecordingPeer(const core::Scheduler& scheduler) : scheduler_(scheduler) {}
  void on_open(core::WsConnection& connection) override;
  void on_text(core::WsConnection&, std::string_view text) override;
  void on_binary(core::WsConnection&, std::string_view bytes) override;
  void on_pong(core::WsConnection&) override { ++pongs; }
  void on_close(core::WsConnection& connection, core::WsCloseCode code,
                std::string_view reason) override;

  // The connection last opened (the server side's, for a server peer).
  core::WsConnection* connection = nullptr;
  int opens = 0;
  int pongs = 0;
  std::vector<ReceivedFrame> texts;
  std::vector<ReceivedFrame> binaries;
  std::vector<std::pair<core::WsCloseCode, std::string>> closes;

 private:
  const core::Scheduler& scheduler_;
};

}  // namespace hil::audio::testing
