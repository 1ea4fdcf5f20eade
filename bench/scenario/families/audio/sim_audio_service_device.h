// The host service of the audio family (the core's Esp32Service with an application) as a scenario
// device, listening on its URL on the session's in-process WebSocket network. A board of the
// scenario dials it there; with none, the scenario plays the ESP32: its first `ws` or `mic` send
// connects a client of the scenario's own, and `mic` audio goes up as 100 ms binary frames at the
// real-time pace.
// Links: ws (text frames and closes it sent, and what it received; a send is a frame from its
// client), mic (audio its client sends up), frames (a summary of each binary frame), gaps (each
// wait a 16 kHz player of the microphone stream would hear, at its sample) and audio
// (get_status() and its counters, as state).
#pragma once

#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "bench/scenario/device.h"
#include "bench/scenario/families/audio/ws_tap.h"
#include "bench/scenario/family.h"
#include "bench/signal/delivery_gaps.h"
#include "bench/signal/waveform_envelope.h"
#include "firmware_core/audio/app_logic.h"
#include "firmware_core/audio/esp32_service.h"

namespace hil::scenario {

class SimAudioServiceDevice : public Device, private core::WsEvents, private core::LineSink {
 public:
  // Options: url, app (wake|echo|none), reply_tone, streaming (the row's); nullptr and why.
  static std::unique_ptr<SimAudioServiceDevice> create(const DeviceSpec& spec, SimContext& context,
                                                       DeviceOutput output, std::string& error);
  ~SimAudioServiceDevice() override;

  const std::string& name() const override { return name_; }
  std::string kind() const override { return "audio-service"; }
  bool deliver(const std::string& link, const std::string& topic,
               const std::string& payload) override;
  // ws down: its client's connection is lost (1006).
  bool set_link_up(const std::string& link, bool up, std::string& error) override;
  // A restart of the service: the client is dropped and must dial again.
  bool power_cycle(std::string& error) override;
  // second_client: true (a scenario client dials too: the service refuses it with 1013);
  // streaming: true|false; stop_playback: true.
  bool set(const std::string& what, const nlohmann::json& value, std::string& error) override;
  nlohmann::json snapshot() override { return status(); }
  nlohmann::json state(const std::string&) override { return status(); }
  nlohmann::json describe() const override { return described_; }
  // What it received from its clients' microphones and what it sent them to play.
  std::vector<DeviceWaveform> waveforms() const override;

 private:
  struct ScenarioClient;

  SimAudioServiceDevice(const DeviceSpec& spec, SimContext& context, DeviceOutput output,
                        std::unique_ptr<audio::AppLogic> app);
  void emit(const std::string& link, std::string payload, bool inbound = false);
  nlohmann::json status() const;
  WsTapHooks tap_hooks();
  ScenarioClient& scenario_client();
  // A microphone frame of `samples` from the client arrived now.
  void hear_microphone_frame(std::uint64_t samples);
  // The service's log: a scenario reads its frames and its state instead.
  void write_line(std::string_view) override {}

  // core::WsEvents in front of the service: which connection is its client.
  void on_open(core::WsConnection& connection) override;
  void on_text(core::WsConnection& connection, std::string_view text) override;
  void on_binary(core::WsConnection& connection, std::string_view bytes) override;
  void on_pong(core::WsConnection& connection) override;
  void on_close(core::WsConnection& connection, core::WsCloseCode code,
                std::string_view reason) override;

  std::string name_;
  nlohmann::json described_;
  std::string url_;
  bool keep_pcm_;  // frames' PCM in the trace, not only their summary
  std::uint64_t seed_;
  sim::VirtualScheduler& scheduler_;
  sim::MemoryWsNetwork& network_;
  DeviceOutput output_;
  std::unique_ptr<audio::AppLogic> app_;
  audio::Esp32Service service_;
  TappedWsEvents tap_;
  sim::MemoryWsServer server_;
  core::WsConnection* client_ = nullptr;  // the connection the service took as its client
  std::unique_ptr<ScenarioClient> scenario_client_;
  std::deque<std::unique_ptr<ScenarioClient>> extra_clients_;  // second clients, refused
  std::uint64_t mic_signals_ = 0;
  // The microphone stream of the current client as a 16 kHz player hears it: where it had to wait.
  signal::DeliveryGapTracker mic_player_{core::Micros(0)};
  std::uint64_t gaps_ = 0;
  signal::WaveformEnvelope received_;
  signal::WaveformEnvelope sent_;
};

}  // namespace hil::scenario
