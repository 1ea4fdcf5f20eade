// What the audio tests record: a log, and a peer that records a connection's events; with the
// simulated microphone, speaker and board (sim/audio) under the names the tests use.
#pragma once

#include <string>
#include <vector>

#include "firmware_core/ports/line_sink.h"
#include "firmware_core/ports/websocket.h"
#include "sim/audio/memory_websocket.h"
#include "sim/audio/recording_speaker.h"
#include "sim/audio/scripted_microphone.h"
#include "sim/audio/sim_audio_board.h"

namespace hil::audio::testing {

using sim::RecordingSpeaker;
using sim::ScriptedMicrophone;
using FakeBoard = sim::SimAudioBoard;
using sim::MemoryWsClient;
using sim::MemoryWsServer;

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
