// The audio family's host service as a scenario device.
#include "bench/scenario/families/audio/sim_audio_service_device.h"

#include "bench/audio/pcm_source.h"
#include "bench/scenario/families/audio/audio_signals.h"
#include "firmware_core/audio/echo_app.h"
#include "firmware_core/audio/tones.h"
#include "firmware_core/audio/wake_app.h"

namespace hil::scenario {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kBlockSamples = 1600;  // the ESP32's 100 ms microphone block
constexpr core::Micros kBlockTime = 100ms;

// What the wake responder says: a sound file, speech, or a named tone.
std::optional<std::vector<audio::Sample>> wake_reply(const DeviceSpec& spec, std::string& error) {
  const nlohmann::json& options = spec.options;
  if (options.contains("reply_wav"))
    return bench::load_pcm("wav:" + path_of(spec, "reply_wav"), bench::Logger(), error);
  if (options.contains("reply_say"))
    return bench::load_pcm("say:" + options["reply_say"].get<std::string>(), bench::Logger(),
                           error);
  const std::string tone = options.value("reply_tone", "ready");
  auto reply = audio::render_tone(tone);
  if (!reply) error = "no tone named '" + tone + "'";
  return reply;
}

}  // namespace

// A client the scenario plays: what it is asked to send goes out once its connection is open, and
// microphone audio in 100 ms frames at the pace a board would send them.
struct SimAudioServiceDevice::ScenarioClient : core::WsEvents {
  ScenarioClient(sim::VirtualScheduler& scheduler, sim::MemoryWsNetwork& network,
                 const std::string& url)
      : scheduler(scheduler), socket(scheduler, network, *this) {
    socket.connect(url);
  }
  ~ScenarioClient() override { scheduler.cancel(timer); }

  void send_text(std::string text) {
    texts.push_back(std::move(text));
    flush();
  }
  void send_audio(const std::vector<audio::Sample>& samples) {
    audio.insert(audio.end(), samples.begin(), samples.end());
    if (timer == 0 && open) pace();
  }
  void flush() {
    while (open && !texts.empty()) {
      socket.send_text(texts.front());
      texts.pop_front();
    }
  }
  // One block now, the next 100 ms later, until the audio is sent.
  void pace() {
    timer = 0;
    if (!open || audio.empty()) return;
    const auto count = static_cast<std::ptrdiff_t>(std::min(kBlockSamples, audio.size()));
    const std::vector<audio::Sample> block(audio.begin(), audio.begin() + count);
    audio.erase(audio.begin(), audio.begin() + count);
    socket.send_binary(audio::encode_pcm(block));
    timer = scheduler.call_at(scheduler.now() + kBlockTime, [this] { pace(); });
  }

  void on_open(core::WsConnection&) override {
    open = true;
    flush();
    if (timer == 0) pace();
  }
  void on_text(core::WsConnection&, std::string_view) override {}
  void on_binary(core::WsConnection&, std::string_view) override {}
  void on_pong(core::WsConnection&) override {}
  void on_close(core::WsConnection&, core::WsCloseCode, std::string_view) override { open = false; }

  sim::VirtualScheduler& scheduler;
  sim::MemoryWsClient socket;
  bool open = false;
  std::deque<std::string> texts;
  std::deque<audio::Sample> audio;
  core::TimerId timer = 0;
};

std::unique_ptr<SimAudioServiceDevice> SimAudioServiceDevice::create(const DeviceSpec& spec,
                                                                     SimContext& context,
                                                                     DeviceOutput output,
                                                                     std::string& error) {
  const std::string app = spec.options.value("app", "wake");
  std::unique_ptr<audio::AppLogic> logic;
  if (app == "wake") {
    auto reply = wake_reply(spec, error);
    if (!reply) return nullptr;
    logic = std::make_unique<audio::WakeApp>(std::move(*reply));
  } else if (app == "echo") {
    logic = std::make_unique<audio::EchoApp>();
  }
  if (context.ws.find(spec.options.value("url", std::string(kDefaultUrl))) != nullptr) {
    error = "another service listens on " + spec.options.value("url", std::string(kDefaultUrl));
    return nullptr;
  }
  return std::unique_ptr<SimAudioServiceDevice>(
      new SimAudioServiceDevice(spec, context, std::move(output), std::move(logic)));
}

SimAudioServiceDevice::SimAudioServiceDevice(const DeviceSpec& spec, SimContext& context,
                                             DeviceOutput output,
                                             std::unique_ptr<audio::AppLogic> app)
    : name_(spec.name),
      url_(spec.options.value("url", std::string(kDefaultUrl))),
      keep_pcm_(spec.options.value("keep_pcm", false)),
      seed_(context.seed),
      scheduler_(context.scheduler),
      network_(context.ws),
      output_(std::move(output)),
      app_(std::move(app)),
      service_({scheduler_, *this}),
      tap_(*this, tap_hooks()),
      server_(tap_) {
  service_.set_app(app_.get());
  if (spec.options.value("streaming", true)) service_.start_audio_streaming();
  network_.listen(url_, server_);
  described_ = {{"name", name_},
                {"kind", kind()},
                {"url", url_},
                {"app", spec.options.value("app", "wake")},
                {"streaming", spec.options.value("streaming", true)},
                {"keep_pcm", keep_pcm_}};
  if (spec.options.contains("reply_tone")) described_["reply_tone"] = spec.options["reply_tone"];
}

SimAudioServiceDevice::~SimAudioServiceDevice() {
  network_.unlisten(url_);
  extra_clients_.clear();
  scenario_client_.reset();
  service_.set_app(nullptr);
}

WsTapHooks SimAudioServiceDevice::tap_hooks() {
  return {[this](bool sent, std::string_view text) { emit("ws", std::string(text), !sent); },
          [this](bool sent, std::string_view bytes) {
            emit("frames", frame_summary(sent, bytes, keep_pcm_).dump());
            const std::vector<audio::Sample> samples = audio::decode_pcm(bytes);
            const std::int64_t now = scheduler_.now().count();
            if (sent) {  // to be played from now on
              sent_.add(now + audio::duration_of(samples.size()).count(), samples);
              return;
            }
            received_.add(now, samples);  // the last of it was heard just now
            hear_microphone_frame(samples.size());
          },
          [this](bool sent, core::WsCloseCode code, std::string_view reason) {
            if (sent) emit("ws", nlohmann::json{{"close", code}, {"reason", reason}}.dump());
          }};
}

std::vector<DeviceWaveform> SimAudioServiceDevice::waveforms() const {
  return {{"received", received_.waveform()}, {"sent", sent_.waveform()}};
}

void SimAudioServiceDevice::emit(const std::string& link, std::string payload, bool inbound) {
  output_(LinkMessage{scheduler_.now().count(), name_, link, "", std::move(payload), inbound, false,
                      inbound ? std::string("client") : std::string()});
}

void SimAudioServiceDevice::hear_microphone_frame(std::uint64_t samples) {
  const auto gap = mic_player_.add({scheduler_.now(), samples});
  if (!gap) return;
  ++gaps_;
  emit("gaps", nlohmann::json{{"at_sample", gap->at_sample},
                              {"frame", gap->frame},
                              {"ms", static_cast<double>(gap->length.count()) / 1000.0}}
                   .dump());
}

SimAudioServiceDevice::ScenarioClient& SimAudioServiceDevice::scenario_client() {
  if (!scenario_client_)
    scenario_client_ = std::make_unique<ScenarioClient>(scheduler_, network_, url_);
  return *scenario_client_;
}

bool SimAudioServiceDevice::deliver(const std::string& link, const std::string&,
                                    const std::string& payload) {
  if (link == "ws") {
    if (client_ != nullptr && !scenario_client_) {  // as if the board had sent it
      service_.on_text(*client_, payload);
      return true;
    }
    scenario_client().send_text(payload);
    return true;
  }
  if (link == "mic") {
    std::string error;
    const auto doc = nlohmann::json::parse(payload, nullptr, false);
    const std::vector<audio::Sample> samples = mic_signal(doc, seed_ + mic_signals_++, error);
    if (samples.empty()) return false;
    scenario_client().send_audio(samples);
    return true;
  }
  return false;
}

bool SimAudioServiceDevice::set_link_up(const std::string& link, bool up, std::string& error) {
  if (link != "ws") {
    error = "an audio-service's only connection is ws";
    return false;
  }
  if (!up && client_ != nullptr) client_->close(core::kWsAbnormalClosure, "connection lost");
  return true;
}

bool SimAudioServiceDevice::power_cycle(std::string&) {
  if (client_ != nullptr) client_->close(core::kWsGoingAway, "service restarting");
  return true;
}

bool SimAudioServiceDevice::set(const std::string& what, const nlohmann::json& value,
                                std::string& error) {
  if (!value.is_boolean()) {
    error = what + ": expected true or false";
    return false;
  }
  if (what == "second_client" && value.get<bool>()) {
    extra_clients_.push_back(std::make_unique<ScenarioClient>(scheduler_, network_, url_));
    return true;
  }
  if (what == "streaming") {
    value.get<bool>() ? service_.start_audio_streaming() : service_.stop_audio_streaming();
    return true;
  }
  if (what == "stop_playback" && value.get<bool>()) {
    service_.stop_audio_playback();
    return true;
  }
  error = "unknown setting '" + what +
          "' for an audio-service; known: second_client, streaming, stop_playback";
  return false;
}

nlohmann::json SimAudioServiceDevice::status() const {
  const audio::ServiceStatus status = service_.get_status();
  nlohmann::json out = audio::to_json(status);
  out.update(audio::to_json(service_.counters()));
  out["playback_lead_ms"] = core::to_ms(service_.playback_lead());
  out["mic_samples"] = mic_player_.samples();
  out["gaps"] = gaps_;
  out["last_activity_ms"] =
      status.last_activity ? nlohmann::json(core::to_ms(*status.last_activity)) : nullptr;
  return out;
}

void SimAudioServiceDevice::on_open(core::WsConnection& connection) {
  service_.on_open(connection);
  if (client_ != nullptr || !service_.is_connected()) return;
  client_ = &connection;
  mic_player_ = signal::DeliveryGapTracker(core::Micros(0));  // a new stream starts playing
}

void SimAudioServiceDevice::on_text(core::WsConnection& connection, std::string_view text) {
  service_.on_text(connection, text);
}

void SimAudioServiceDevice::on_binary(core::WsConnection& connection, std::string_view bytes) {
  service_.on_binary(connection, bytes);
}

void SimAudioServiceDevice::on_pong(core::WsConnection& connection) {
  service_.on_pong(connection);
}

void SimAudioServiceDevice::on_close(core::WsConnection& connection, core::WsCloseCode code,
                                     std::string_view reason) {
  if (&connection == client_) client_ = nullptr;
  service_.on_close(connection, code, reason);
}

}  // namespace hil::scenario
