// The simulated audio front ends: their ports, their links and their WAV files.
#include "bench/rigs/sim_esp32_audio_process.h"

#include <chrono>
#include <optional>

#include "bench/audio/portaudio_microphone.h"
#include "bench/audio/portaudio_session.h"
#include "bench/audio/portaudio_speaker.h"
#include "bench/audio/signal_microphone.h"
#include "bench/audio/wav_file.h"
#include "bench/io/scheduled_ws_events.h"
#include "bench/io/ws_client.h"
#include "firmware_core/audio/audio_device.h"
#include "sim/audio/recording_speaker.h"
#include "sim/audio/sim_audio_board.h"

namespace hil::bench {
namespace {

constexpr auto kLinkCheck = std::chrono::milliseconds(250);
constexpr std::string_view kWavPrefix = "wav:";
constexpr std::string_view kPortAudio = "portaudio";
constexpr std::string_view kIndexField = "{i}";

// "portaudio" or "portaudio:DEVICE": the DEVICE text ("" for the default device), else nullopt.
std::optional<std::string> portaudio_device(const std::string& choice) {
  if (choice == kPortAudio) return std::string();
  if (choice.rfind(std::string(kPortAudio) + ":", 0) == 0)
    return choice.substr(kPortAudio.size() + 1);
  return std::nullopt;
}

}  // namespace

struct SimEsp32AudioProcess::Device {
  Device(boost::asio::io_context& io, AsioScheduler& scheduler,
         std::unique_ptr<core::AudioSource> microphone, std::unique_ptr<core::AudioSink> sink,
         audio::AudioDeviceOptions options, const Logger& log)
      : mic(std::move(microphone)),
        speaker(std::move(sink)),
        recorder(dynamic_cast<sim::RecordingSpeaker*>(speaker.get())),
        events(scheduler, device),
        socket(io, events, WsClientOptions{WsLimits{}, log}),
        device({scheduler, socket, *mic, *speaker, board, board, board}, std::move(options)) {}

  std::unique_ptr<core::AudioSource> mic;
  std::unique_ptr<core::AudioSink> speaker;
  sim::RecordingSpeaker* recorder;  // the speaker, when it is a simulated one
  sim::SimAudioBoard board;
  ScheduledWsEvents events;
  WsClient socket;
  audio::AudioDevice device;
  audio::DeviceLink logged_link = audio::DeviceLink::kIdle;
  std::uint64_t logged_bad = 0;  // bad messages already logged
};

SimEsp32AudioProcess::SimEsp32AudioProcess(boost::asio::io_context& io,
                                           SimEsp32AudioOptions options)
    : io_(io), options_(std::move(options)), scheduler_(io) {}

SimEsp32AudioProcess::~SimEsp32AudioProcess() = default;

bool SimEsp32AudioProcess::make_ports(unsigned index, std::unique_ptr<core::AudioSource>& mic,
                                      std::unique_ptr<core::AudioSink>& speaker,
                                      std::string& error) {
  if (const auto device = portaudio_device(options_.mic)) {
    mic = PortAudioMicrophone::open(portaudio_, *device, error);
  } else {
    mic = std::make_unique<SignalMicrophone>(scheduler_, signals_.make(index + 1));
  }
  if (const auto device = portaudio_device(options_.speaker)) {
    speaker = PortAudioSpeaker::open(portaudio_, *device, error);
  } else {
    auto recorder = std::make_unique<sim::RecordingSpeaker>(scheduler_);
    if (wav_path(index).empty()) recorder->keep_output();  // heard and let go: nothing to write
    speaker = std::move(recorder);
  }
  return mic && speaker;
}

bool SimEsp32AudioProcess::start(std::string& error) {
  const bool real_audio = portaudio_device(options_.mic) || portaudio_device(options_.speaker);
  if (real_audio && options_.count != 1) {
    error = "a real microphone or speaker (portaudio) serves one device: --count 1";
    return false;
  }
  if (real_audio && !(portaudio_ = PortAudioSession::open(error))) return false;
  if (!portaudio_device(options_.mic) &&
      !signals_.load(options_.mic, options_.mic_level_dbfs, options_.log, error))
    return false;
  audio::AudioDeviceOptions device_options;
  device_options.mic_block_samples = options_.mic_block_samples;
  for (unsigned i = 0; i < options_.count; ++i) {
    std::unique_ptr<core::AudioSource> mic;
    std::unique_ptr<core::AudioSink> speaker;
    if (!make_ports(i, mic, speaker, error)) return false;
    device_options.url = device_url(i);
    devices_.push_back(std::make_unique<Device>(io_, scheduler_, std::move(mic), std::move(speaker),
                                                device_options,
                                                options_.log.at("ws " + std::to_string(i))));
  }
  // Power-ons spread over one microphone block, as a real fleet's are: devices started at one
  // instant read their blocks at one instant, and that burst holds up every speaker's feed.
  const core::Micros block = audio::duration_of(options_.mic_block_samples);
  scheduler_.run_event([&] { devices_.front()->device.start(); });
  for (std::size_t i = 1; i < devices_.size(); ++i) {
    audio::AudioDevice& device = devices_[i]->device;
    scheduler_.call_at(scheduler_.now() + block * static_cast<std::int64_t>(i) /
                                              static_cast<std::int64_t>(devices_.size()),
                       [&device] { device.start(); });
  }
  scheduler_.call_at(scheduler_.now() + kLinkCheck, [this] { log_link_changes(); });
  return true;
}

std::string SimEsp32AudioProcess::device_url(unsigned index) const {
  std::string url = options_.url;
  for (std::size_t at = url.find(kIndexField); at != std::string::npos;
       at = url.find(kIndexField, at)) {
    url.replace(at, kIndexField.size(), std::to_string(index));
  }
  return url;
}

std::string SimEsp32AudioProcess::wav_path(unsigned index) const {
  if (options_.speaker.rfind(kWavPrefix, 0) != 0) return "";
  std::string path = options_.speaker.substr(kWavPrefix.size());
  if (options_.count == 1) return path;
  // out.wav -> out-3.wav, so that several devices never share a file.
  const std::size_t dot = path.rfind('.');
  const std::size_t slash = path.rfind('/');
  const bool has_extension =
      dot != std::string::npos && (slash == std::string::npos || dot > slash);
  const std::size_t at = has_extension ? dot : path.size();
  return path.substr(0, at) + "-" + std::to_string(index) + path.substr(at);
}

nlohmann::json SimEsp32AudioProcess::ready_info() const {
  nlohmann::json devices = nlohmann::json::array();
  for (unsigned i = 0; i < devices_.size(); ++i) {
    nlohmann::json entry = {{"index", i}, {"url", device_url(i)}};
    if (const std::string wav = wav_path(i); !wav.empty()) entry["speaker_wav"] = wav;
    devices.push_back(entry);
  }
  return {{"ready", true},
          {"device", "esp32-audio"},
          {"count", options_.count},
          {"url", options_.url},
          {"mic", options_.mic},
          {"mic_level_dbfs", options_.mic_level_dbfs},
          {"mic_block_samples", options_.mic_block_samples},
          {"speaker", options_.speaker},
          {"devices", devices}};
}

void SimEsp32AudioProcess::log_link_changes() {
  for (unsigned i = 0; i < devices_.size(); ++i) {
    Device& device = *devices_[i];
    const std::string name = "device " + std::to_string(i) + ": ";
    const audio::AudioDeviceStats& stats = device.device.stats();
    if (stats.bad_messages != device.logged_bad) {
      options_.log.warning(
          name + std::to_string(stats.bad_messages - device.logged_bad) +
          " bad message(s) from the service dropped, the last: " + stats.last_error);
      device.logged_bad = stats.bad_messages;
    }
    if (device.recorder != nullptr) device.recorder->take_output();  // a null speaker keeps nothing
    const audio::DeviceLink link = device.device.link();
    if (link == device.logged_link) continue;
    device.logged_link = link;
    options_.log.info(name + "link " + audio::to_string(link));
  }
  scheduler_.call_at(scheduler_.now() + kLinkCheck, [this] { log_link_changes(); });
}

void SimEsp32AudioProcess::stop() {
  for (const auto& device : devices_)
    device->socket.close(core::kWsGoingAway, "device powered off");
}

bool SimEsp32AudioProcess::stopped() const {
  for (const auto& device : devices_) {
    if (device->socket.open()) return false;
  }
  return true;
}

bool SimEsp32AudioProcess::finish() {
  bool written = true;
  for (unsigned i = 0; i < devices_.size(); ++i) {
    const Device& device = *devices_[i];
    const audio::AudioDeviceStats& stats = device.device.stats();
    nlohmann::json counters = audio::to_json(stats);
    counters["device"] = i;
    options_.log.info(counters.dump());
    const std::string path = wav_path(i);
    if (path.empty() || device.recorder == nullptr) continue;
    std::string error;
    if (write_protocol_wav(path, device.recorder->played(), error)) {
      options_.log.info("device " + std::to_string(i) + ": " +
                        std::to_string(device.recorder->played().size()) + " samples played, in " +
                        path);
    } else {
      options_.log.error(error);
      written = false;
    }
  }
  return written;
}

}  // namespace hil::bench
