// The simulated ESP32 audio board as a scenario device.
#include "bench/scenario/families/audio/sim_esp32_audio_device.h"

#include "bench/scenario/families/audio/audio_signals.h"
#include "bench/signal/levels.h"

namespace hil::scenario {
namespace {

using namespace std::chrono_literals;

// From power to dialing: the ESP32's boot and Wi-Fi join, and time for every device of the
// scenario to be made first (a service declared after the board is there when it dials).
constexpr core::Micros kBootTime = 300ms;
constexpr core::Micros kSpeakerPeriod = 20ms;  // how often what the speaker played is judged

}  // namespace

// Accepts the board's connection and does nothing more: the scenario's sends reach the firmware
// directly, and the tap on the board's socket records the rest.
struct SimEsp32AudioDevice::ScenarioServer : core::WsEvents {
  ScenarioServer(sim::MemoryWsNetwork& network, std::string url)
      : network(network), url(std::move(url)), server(*this) {
    network.listen(this->url, server);
  }
  ~ScenarioServer() override { network.unlisten(url); }
  void on_open(core::WsConnection&) override {}
  void on_text(core::WsConnection&, std::string_view) override {}
  void on_binary(core::WsConnection&, std::string_view) override {}
  void on_pong(core::WsConnection&) override {}
  void on_close(core::WsConnection&, core::WsCloseCode, std::string_view) override {}

  sim::MemoryWsNetwork& network;
  std::string url;
  sim::MemoryWsServer server;
};

std::unique_ptr<SimEsp32AudioDevice> SimEsp32AudioDevice::create(const DeviceSpec& spec,
                                                                 SimContext& context,
                                                                 DeviceOutput output,
                                                                 std::string&) {
  return std::unique_ptr<SimEsp32AudioDevice>(
      new SimEsp32AudioDevice(spec, context, std::move(output)));
}

SimEsp32AudioDevice::SimEsp32AudioDevice(const DeviceSpec& spec, SimContext& context,
                                         DeviceOutput output)
    : name_(spec.name),
      seed_(context.seed),
      scheduler_(context.scheduler),
      network_(context.ws),
      output_(std::move(output)),
      segmenter_([this](const signal::SoundSegment& segment) {
        emit("speaker", speaker_report(segment).dump());
      }),
      fate_(context.fate) {
  options_.url = spec.options.value("url", options_.url);
  keep_pcm_ = spec.options.value("keep_pcm", false);
  options_.mic_block_samples = spec.options.value("mic_block_samples", options_.mic_block_samples);
  options_.playback_buffer_samples =
      spec.options.value("playback_buffer_samples", options_.playback_buffer_samples);
  described_ = {{"name", name_},
                {"kind", kind()},
                {"url", options_.url},
                {"mic_block_samples", options_.mic_block_samples},
                {"playback_buffer_samples", options_.playback_buffer_samples},
                {"keep_pcm", keep_pcm_}};
  build();
  boot();
  arm_speaker_timer();
}

SimEsp32AudioDevice::~SimEsp32AudioDevice() {
  scheduler_.cancel(speaker_timer_);
  scheduler_.cancel(boot_timer_);
  firmware_.reset();  // its timers go while the clock is there
}

WsTapHooks SimEsp32AudioDevice::tap_hooks() {
  return {[this](bool sent, std::string_view text) { emit("ws", std::string(text), !sent); },
          [this](bool sent, std::string_view bytes) {
            const nlohmann::json summary = frame_summary(sent, bytes, keep_pcm_);
            if (!sent) {
              emit("frames", summary.dump());
              return;
            }
            mic_dbfs_ = summary["rms_dbfs"].get<double>();  // what the service hears
            // As the wire treated it: lost (in the trace only), or there twice.
            const int copies = last_frame_fate_.dropped ? 1 : last_frame_fate_.copies;
            for (int copy = 0; copy < copies; ++copy)
              emit("frames", summary.dump(), false, last_frame_fate_.dropped);
          },
          [](bool, core::WsCloseCode, std::string_view) {}};
}

void SimEsp32AudioDevice::build() {
  firmware_.reset();
  socket_ = std::make_unique<TappedWsClient>(scheduler_, network_, tap_hooks());
  socket_->inner().set_binary_fate([this](std::string_view) {
    last_frame_fate_ = fate_ ? fate_(name_, "frames") : Fate{};
    return sim::FrameFate{last_frame_fate_.dropped ? 0 : last_frame_fate_.copies,
                          core::Micros(last_frame_fate_.delay_us)};
  });
  mic_ = std::make_unique<sim::ScriptedMicrophone>(scheduler_);
  speaker_ = std::make_unique<sim::RecordingSpeaker>(scheduler_);
  speaker_->keep_output();
  firmware_ = std::make_unique<audio::AudioDevice>(
      audio::AudioDevicePorts{scheduler_, *socket_, *mic_, *speaker_, board_, board_, board_},
      options_);
  socket_->set_events(*firmware_);
}

void SimEsp32AudioDevice::boot() {
  boot_timer_ = scheduler_.call_at(scheduler_.now() + kBootTime, [this] {
    boot_timer_ = 0;
    if (!scenario_server_ && network_.find(options_.url) == nullptr)
      scenario_server_ = std::make_unique<ScenarioServer>(network_, options_.url);
    firmware_->start();
  });
}

void SimEsp32AudioDevice::arm_speaker_timer() {
  speaker_timer_ = scheduler_.call_at(scheduler_.now() + kSpeakerPeriod, [this] {
    listen_to_speaker();
    arm_speaker_timer();
  });
}

void SimEsp32AudioDevice::listen_to_speaker() {
  const std::vector<audio::Sample> heard = speaker_->take_output();
  if (heard.empty()) return;
  speaker_dbfs_ = signal::to_dbfs(audio::rms(heard));
  speaker_wave_.add(scheduler_.now().count(), heard);
  segmenter_.feed(heard);
}

void SimEsp32AudioDevice::emit(const std::string& link, std::string payload, bool inbound,
                               bool lost) {
  output_(LinkMessage{scheduler_.now().count(), name_, link, "", std::move(payload), inbound, lost,
                      inbound ? options_.url : std::string()});
}

bool SimEsp32AudioDevice::deliver(const std::string& link, const std::string&,
                                  const std::string& payload) {
  if (link == "mic") {
    std::string error;
    const auto doc = nlohmann::json::parse(payload, nullptr, false);
    const std::vector<audio::Sample> samples = mic_signal(doc, seed_ + mic_signals_++, error);
    if (samples.empty()) return false;
    mic_->hear_now(samples);
    microphone_wave_.add(scheduler_.now().count() + audio::duration_of(samples.size()).count(),
                         samples);  // heard from now on
    return true;
  }
  if (link == "ws") {  // a frame from its server, whoever plays it
    if (firmware_->link() != audio::DeviceLink::kOpen) return false;
    firmware_->on_text(*socket_, payload);
    return true;
  }
  return false;
}

bool SimEsp32AudioDevice::set_link_up(const std::string& link, bool up, std::string& error) {
  if (link != "ws") {
    error = "an esp32-audio device's only connection is ws";
    return false;
  }
  if (!up) socket_->inner().drop();
  return true;
}

bool SimEsp32AudioDevice::power_cycle(std::string&) {
  if (socket_->inner().open()) socket_->inner().drop();  // power gone: no closing handshake
  scheduler_.cancel(boot_timer_);
  segmenter_.finish();
  build();
  boot();
  return true;
}

bool SimEsp32AudioDevice::set(const std::string& what, const nlohmann::json& value,
                              std::string& error) {
  if (!value.is_boolean() || !value.get<bool>()) {
    error = what + ": expected true";
    return false;
  }
  if (what == "button") {
    firmware_->on_button_pressed();
    return true;
  }
  if (what == "silent") {
    socket_->inner().go_silent();
    return true;
  }
  error = "unknown setting '" + what + "' for an esp32-audio device; known: button, silent";
  return false;
}

nlohmann::json SimEsp32AudioDevice::counters() const {
  nlohmann::json out = audio::to_json(firmware_->stats());
  out["link"] = audio::to_string(firmware_->link());
  out["buffered_samples"] = firmware_->buffered_samples();
  return out;
}

nlohmann::json SimEsp32AudioDevice::snapshot() {
  nlohmann::json out = counters();
  out["speaker_dbfs"] = std::max(speaker_dbfs_, -100.0);  // a chart's floor, not -200
  out["mic_dbfs"] = std::max(mic_dbfs_, -100.0);
  return out;
}

std::vector<DeviceWaveform> SimEsp32AudioDevice::waveforms() const {
  return {{"microphone", microphone_wave_.waveform()}, {"speaker", speaker_wave_.waveform()}};
}

nlohmann::json SimEsp32AudioDevice::state(const std::string&) { return counters(); }

}  // namespace hil::scenario
