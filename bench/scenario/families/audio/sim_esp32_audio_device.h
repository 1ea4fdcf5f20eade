// The simulated ESP32 audio board (the core's AudioDevice with a scripted microphone, a recording
// speaker and the rest of the board) as a scenario device. It dials its URL on the session's
// in-process WebSocket network; when nobody listens there, the scenario plays the server: the
// device gets a server of its own that accepts it and sends what the scenario sends.
// Links: ws (text frames: what it sent; a send is a frame from its server), mic (signals its
// microphone picks up), speaker (a report per segment it played: tone, silence or other sound),
// frames (a summary of each binary frame it sent or received) and audio (its counters, as state).
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "bench/scenario/device.h"
#include "bench/scenario/families/audio/ws_tap.h"
#include "bench/scenario/family.h"
#include "bench/signal/levels.h"
#include "bench/signal/sound_segments.h"
#include "bench/signal/waveform_envelope.h"
#include "firmware_core/audio/audio_device.h"
#include "sim/audio/recording_speaker.h"
#include "sim/audio/scripted_microphone.h"
#include "sim/audio/sim_audio_board.h"

namespace hil::scenario {

class SimEsp32AudioDevice : public Device {
 public:
  // Options: url, mic_block_samples, playback_buffer_samples (the row's); nullptr and why.
  static std::unique_ptr<SimEsp32AudioDevice> create(const DeviceSpec& spec, SimContext& context,
                                                     DeviceOutput output, std::string& error);
  ~SimEsp32AudioDevice() override;

  const std::string& name() const override { return name_; }
  std::string kind() const override { return "esp32-audio"; }
  bool deliver(const std::string& link, const std::string& topic,
               const std::string& payload) override;
  // ws down: the connection is lost (1006) and the device dials again after its back-off; up:
  // nothing to do, it reconnects by itself.
  bool set_link_up(const std::string& link, bool up, std::string& error) override;
  bool power_cycle(std::string& error) override;
  // button: true (a press); silent: true (its connection goes half-open: a dead peer).
  bool set(const std::string& what, const nlohmann::json& value, std::string& error) override;
  nlohmann::json snapshot() override;
  nlohmann::json state(const std::string& link) override;
  nlohmann::json describe() const override { return described_; }
  // What its microphone picked up and what its speaker played.
  std::vector<DeviceWaveform> waveforms() const override;

 private:
  SimEsp32AudioDevice(const DeviceSpec& spec, SimContext& context, DeviceOutput output);
  void build();  // the firmware and its peripherals, as at power-on
  void boot();
  void emit(const std::string& link, std::string payload, bool inbound = false, bool lost = false);
  void listen_to_speaker();
  void arm_speaker_timer();
  WsTapHooks tap_hooks();
  // Everything the firmware reported through its links, and the speaker's level.
  nlohmann::json counters() const;

  std::string name_;
  nlohmann::json described_;
  audio::AudioDeviceOptions options_;
  std::uint64_t seed_;
  sim::VirtualScheduler& scheduler_;
  sim::MemoryWsNetwork& network_;
  DeviceOutput output_;
  // The scenario's server, made when nobody listens on the URL at boot.
  struct ScenarioServer;
  std::unique_ptr<ScenarioServer> scenario_server_;
  std::unique_ptr<sim::ScriptedMicrophone> mic_;
  std::unique_ptr<sim::RecordingSpeaker> speaker_;
  sim::SimAudioBoard board_;
  std::unique_ptr<TappedWsClient> socket_;
  std::unique_ptr<audio::AudioDevice> firmware_;
  signal::SoundSegmenter segmenter_;
  signal::WaveformEnvelope microphone_wave_;
  signal::WaveformEnvelope speaker_wave_;
  double speaker_dbfs_ = signal::kSilenceDbfs;  // the last 20 ms the speaker played
  double mic_dbfs_ = signal::kSilenceDbfs;      // the last microphone frame it sent
  core::TimerId speaker_timer_ = 0;
  core::TimerId boot_timer_ = 0;
  std::uint64_t mic_signals_ = 0;
  bool keep_pcm_ = false;  // frames' PCM in the trace, not only their summary
  const LinkFate& fate_;   // the session's faults on its frames' wire
  Fate last_frame_fate_;   // of the frame being sent
};

}  // namespace hil::scenario
