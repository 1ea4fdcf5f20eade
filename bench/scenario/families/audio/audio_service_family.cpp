// The audio host service's row: the plan's ESP32Service (shared/specs/esp32-audio-websocket.md)
// with an application, serving one board at a time.
#include "bench/scenario/families/audio/audio_signals.h"
#include "bench/scenario/families/audio/sim_audio_service_device.h"
#include "bench/scenario/family.h"
#include "firmware_core/audio/tones.h"

namespace hil::scenario {
namespace {

std::vector<std::string> tone_choices() {
  std::vector<std::string> out;
  for (const std::string_view name : audio::tone_names()) out.emplace_back(name);
  return out;
}

}  // namespace

Family audio_service_family() {
  Family row;
  row.kind = "audio-service";
  row.aliases = {"audio_service"};
  row.summary =
      "the host service of the ESP32 audio boards: one client at a time, microphone audio to an "
      "application, paced playback";
  row.options = {
      text_option("url", "where it listens", kDefaultUrl),
      choice_option("app", "its application: the wake-tone responder, an echo, or none",
                    {"wake", "echo", "none"}, "wake"),
      choice_option("reply_tone", "the wake responder's reply: a named tone", tone_choices(),
                    "ready"),
      path_option("reply_wav", "the wake responder's reply: a sound file, instead of reply_tone"),
      text_option("reply_say",
                  "the wake responder's reply: text spoken by espeak-ng, instead of reply_tone"),
      bool_option("streaming", "microphone audio reaches the application from the start", true),
      bool_option("keep_pcm", "traces keep each binary frame's PCM (Base64), not only its summary",
                  false),
  };
  row.links = {
      {"ws", LinkShape::kLines,
       "the text frames it sends (server_status, server_command) and closes ({close, reason}); a "
       "send is a frame from its client"},
      {"mic",
       LinkShape::kSignals,
       std::string("audio its client sends up in 100 ms frames: ") + kMicSignalForm,
       nullptr,
       check_mic_signal,
       false,
       {"wav"}},
      {"frames", LinkShape::kReports,
       "a summary of each binary frame it sent or received: {dir, bytes, samples, rms_dbfs, hash}"},
      {"gaps", LinkShape::kReports,
       "each wait a 16 kHz player of its client's microphone stream would hear: {at_sample, "
       "frame, ms}"},
      {"audio", LinkShape::kState,
       "get_status() and its counters now: is_connected, audio_streaming, audio_playing, "
       "error_count, last_error, connections, busy_rejections, dead_peers, "
       "mic_frames_forwarded, mic_frames_gated, frames_sent, playback_lead_ms, last_activity_ms, "
       "mic_samples, gaps"}};
  row.settings = {{"second_client", "true", "another client dials it: refused with 1013"},
                  {"streaming", "true|false", "start or stop passing microphone audio on"},
                  {"stop_playback", "true", "stop_audio_playback(): the queue is cleared"}};
  row.signals = {{"playback_lead_ms", "playback_lead_ms", 1, ""},
                 {"error_count", "error_count", 1, ""},
                 {"is_connected", "connected", 0, ""}};
  row.plots = {{"playback lead (ms)", {{"playback_lead_ms", "lead"}}}};
  row.check = [](const std::string&, const nlohmann::json& options) -> std::string {
    const bool wav = options.contains("reply_wav"), say = options.contains("reply_say");
    if (wav && say) return "reply_wav and reply_say are two replies; give one";
    if ((wav || say) && options.value("app", "wake") != "wake")
      return std::string(wav ? "reply_wav" : "reply_say") + " goes with app: wake";
    return "";
  };
  row.make = [](const DeviceSpec& spec, SimContext& context, DeviceOutput output,
                std::string& error) -> std::unique_ptr<Device> {
    return SimAudioServiceDevice::create(spec, context, std::move(output), error);
  };
  return row;
}

}  // namespace hil::scenario
