// Simulated ESP32 audio front ends on real WebSockets, on the wall clock: the body of `hilbench sim
// esp32-audio`. Each device is the core's AudioDevice with its own WebSocket client, a microphone
// hearing the chosen signal (signal_microphone.h), a RecordingSpeaker and a SimAudioBoard; all of
// them share one io_context; they power on spread over one microphone block. What each speaker
// played is written to a WAV file at the end when asked. Links opening and closing, and each
// device's counters at the end, go to the log.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/audio/mic_signal.h"
#include "bench/io/asio_scheduler.h"
#include "bench/log/logger.h"
#include "firmware_core/ports/audio_sink.h"
#include "firmware_core/ports/audio_source.h"

namespace hil::bench {

struct SimEsp32AudioOptions {
  // Every "{i}" in it is the device's index: ws://HOST:PORT/ws/{i} spreads devices over endpoints.
  std::string url = "ws://127.0.0.1:8765/ws";
  unsigned count = 1;
  // tone:HZ, wav:FILE, say:TEXT, noise, silence, or portaudio[:DEVICE] (a real microphone)
  std::string mic = "tone:1000";
  double mic_level_dbfs = -12;  // of tone and noise
  // null, wav:FILE (FILE-<index>.wav for each of several) or portaudio[:DEVICE] (a real speaker)
  std::string speaker = "null";
  std::size_t mic_block_samples = 1600;
  Logger log;
};

class SimEsp32AudioProcess {
 public:
  SimEsp32AudioProcess(boost::asio::io_context& io, SimEsp32AudioOptions options);
  ~SimEsp32AudioProcess();
  SimEsp32AudioProcess(const SimEsp32AudioProcess&) = delete;
  SimEsp32AudioProcess& operator=(const SimEsp32AudioProcess&) = delete;

  // Loads the microphone's signal and powers the devices on; false and why when it cannot.
  bool start(std::string& error);
  // The one ready line: the count, the URL, and per device its index (and its WAV file).
  nlohmann::json ready_info() const;
  // Every device closes its link (1001).
  void stop();
  // No link is open.
  bool stopped() const;
  // Writes each speaker's WAV file (when asked for) and logs each device's counters; false when a
  // file could not be written.
  bool finish();

 private:
  struct Device;

  std::string wav_path(unsigned index) const;
  std::string device_url(unsigned index) const;
  void log_link_changes();
  // The device's microphone and speaker as the options say; false and why.
  bool make_ports(unsigned index, std::unique_ptr<core::AudioSource>& mic,
                  std::unique_ptr<core::AudioSink>& speaker, std::string& error);

  boost::asio::io_context& io_;
  SimEsp32AudioOptions options_;
  AsioScheduler scheduler_;
  MicSignalFactory signals_;
  std::shared_ptr<class PortAudioSession> portaudio_;  // when a real microphone or speaker is used
  std::vector<std::unique_ptr<Device>> devices_;
};

}  // namespace hil::bench
