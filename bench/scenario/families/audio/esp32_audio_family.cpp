// The ESP32 audio board's row: a microphone and a speaker on a WebSocket to the host service
// (shared/specs/esp32-audio-websocket.md).
#include "bench/scenario/families/audio/audio_signals.h"
#include "bench/scenario/families/audio/esp32_audio_sim_process.h"
#include "bench/scenario/families/audio/sim_esp32_audio_device.h"
#include "bench/scenario/family.h"

namespace hil::scenario {

Family esp32_audio_family() {
  const audio::AudioDeviceOptions defaults;
  Family row;
  row.kind = "esp32-audio";
  row.aliases = {"esp32_audio"};
  row.summary =
      "an ESP32 with a microphone and a speaker, streaming 16 kHz PCM both ways to the audio "
      "service over a WebSocket";
  row.options = {
      text_option("url", "the service it dials", kDefaultUrl),
      integer_option("mic_block_samples", "microphone samples per binary frame", 160, 16000,
                     defaults.mic_block_samples),
      integer_option("playback_buffer_samples", "its playback buffer, in samples", 1600, 160000,
                     defaults.playback_buffer_samples),
      bool_option("keep_pcm", "traces keep each binary frame's PCM (Base64), not only its summary",
                  false),
  };
  row.links = {
      {"ws", LinkShape::kLines,
       "the text frames it sends (client_status, event); a send is a frame from its server"},
      {"mic",
       LinkShape::kSignals,
       std::string("what its microphone picks up: ") + kMicSignalForm,
       nullptr,
       check_mic_signal,
       false,
       {"wav"}},
      {"speaker", LinkShape::kReports,
       std::string("one report per segment it played (tone, silence or other sound); expects: ") +
           kSpeakerMatchForm,
       speaker_matches},
      {"frames", LinkShape::kReports,
       "a summary of each binary frame it sent or received: {dir, bytes, samples, rms_dbfs, "
       "hash}; drop, duplicate and delay faults on it act on its microphone frames on the wire",
       nullptr, nullptr, true},
      {"audio", LinkShape::kState,
       "its counters now: link, connects, mic_frames_sent, frames_received, overruns, underruns, "
       "playbacks_completed, bad_messages, buffered_samples"}};
  row.settings = {
      {"button", "true", "a press of its button: an event frame"},
      {"silent", "true", "its connection goes half-open: the service sees a dead peer"}};
  row.signals = {{"speaker_dbfs", "speaker_dbfs_x10", 10, ""},
                 {"mic_dbfs", "mic_dbfs_x10", 10, ""},
                 {"buffered_samples", "buffered_samples", 1, ""}};
  row.plots = {{"level (dBFS)", {{"mic_dbfs", "microphone"}, {"speaker_dbfs", "speaker"}}},
               {"playback buffer (samples)", {{"buffered_samples", "buffered"}}}};
  row.make = [](const DeviceSpec& spec, SimContext& context, DeviceOutput output,
                std::string& error) -> std::unique_ptr<Device> {
    return SimEsp32AudioDevice::create(spec, context, std::move(output), error);
  };
  row.process = {"--url ws://HOST:PORT/ws [--count N] [--mic tone:HZ|wav:FILE|noise|silence]",
                 run_esp32_audio_sim_process};
  return row;
}

}  // namespace hil::scenario
