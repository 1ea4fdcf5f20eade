// The audio service's endpoints, their apps and logs, on one WebSocket server.
#include "bench/rigs/audio_service_process.h"

#include <chrono>

#include "bench/audio/pcm_source.h"
#include "bench/audio/play_on_connect_app.h"
#include "bench/io/scheduled_ws_events.h"
#include "firmware_core/audio/echo_app.h"
#include "firmware_core/audio/esp32_service.h"
#include "firmware_core/audio/tones.h"
#include "firmware_core/audio/wake_app.h"

namespace hil::bench {
namespace {

constexpr auto kStatusCheck = std::chrono::seconds(1);
constexpr const char* kDefaultReply = "ready";  // a tone of the core's table

// A service's lines, each after its endpoint's path.
class PathLog : public core::LineSink {
 public:
  PathLog(Logger log, std::string path) : log_(std::move(log)), prefix_(std::move(path) + ": ") {}
  void write_line(std::string_view line) override { log_.info(prefix_ + std::string(line)); }

 private:
  Logger log_;
  std::string prefix_;
};

}  // namespace

struct AudioServiceProcess::Endpoint {
  Endpoint(AsioScheduler& scheduler, const Logger& log, std::string at)
      : path(std::move(at)),
        lines(log, path),
        service({scheduler, lines}),
        events(scheduler, service) {}

  std::string path;
  PathLog lines;
  std::unique_ptr<audio::AppLogic> app;
  audio::Esp32Service service;
  ScheduledWsEvents events;
  std::string last_status;  // as last logged
};

AudioServiceProcess::AudioServiceProcess(boost::asio::io_context& io,
                                         AudioServiceProcessOptions options)
    : options_(std::move(options)),
      scheduler_(io),
      server_(io, WsServerOptions{options_.host, options_.port, WsLimits{},
                                  std::chrono::seconds(10), options_.log.at("ws")}) {}

AudioServiceProcess::~AudioServiceProcess() = default;

bool AudioServiceProcess::start(std::string& error) {
  if (!make_endpoints(error)) return false;
  for (const auto& endpoint : endpoints_) server_.route(endpoint->path, endpoint->events);
  if (!server_.start(error)) return false;
  scheduler_.call_at(scheduler_.now() + kStatusCheck, [this] { log_status_changes(); });
  return true;
}

bool AudioServiceProcess::make_endpoints(std::string& error) {
  const Logger log = options_.log.at("audio");
  std::vector<audio::Sample> audio;
  if (is_pcm_source(options_.app) || !options_.reply.empty()) {
    const std::string& source = options_.app == "wake" ? options_.reply : options_.app;
    auto loaded = load_pcm(source, log, error);
    if (!loaded) return false;
    audio = std::move(*loaded);
    reply_name_ = source;
  } else if (options_.app == "wake") {
    audio = *audio::render_tone(kDefaultReply);
    reply_name_ = std::string("tone:") + kDefaultReply;
  }
  std::vector<std::string> paths;
  if (options_.endpoints == 0) paths.push_back(options_.path);
  for (unsigned i = 0; i < options_.endpoints; ++i)
    paths.push_back(options_.path + "/" + std::to_string(i));
  for (const std::string& path : paths) {
    auto endpoint = std::make_unique<Endpoint>(scheduler_, log, path);
    if (options_.app == "echo") {
      endpoint->app = std::make_unique<audio::EchoApp>();
    } else if (options_.app == "wake") {
      endpoint->app = std::make_unique<audio::WakeApp>(audio);
    } else {
      endpoint->app = std::make_unique<PlayOnConnectApp>(audio, endpoint->lines);
    }
    endpoint->service.set_app(endpoint->app.get());
    endpoint->service.start_audio_streaming();
    endpoints_.push_back(std::move(endpoint));
  }
  return true;
}

void AudioServiceProcess::log_status_changes() {
  for (const auto& endpoint : endpoints_) {
    const std::string status = audio::to_json(endpoint->service.get_status()).dump();
    if (status == endpoint->last_status) continue;
    endpoint->last_status = status;
    endpoint->lines.write_line("status " + status);
  }
  scheduler_.call_at(scheduler_.now() + kStatusCheck, [this] { log_status_changes(); });
}

std::string AudioServiceProcess::url(const std::string& path) const {
  return "ws://" + options_.host + ":" + std::to_string(server_.port()) + path;
}

nlohmann::json AudioServiceProcess::ready_info() const {
  nlohmann::json urls = nlohmann::json::array();
  for (const auto& endpoint : endpoints_) urls.push_back(url(endpoint->path));
  nlohmann::json info = {{"ready", true},         {"service", "esp32-audio"},
                         {"host", options_.host}, {"port", server_.port()},
                         {"app", options_.app},   {"urls", urls}};
  if (options_.endpoints == 0) info["url"] = urls[0];
  if (options_.app == "wake") info["reply"] = reply_name_;
  return info;
}

void AudioServiceProcess::stop() {
  for (const auto& endpoint : endpoints_) {
    const audio::Esp32Service& service = endpoint->service;
    nlohmann::json counters = audio::to_json(service.counters());
    counters["error_count"] = service.get_status().error_count;
    endpoint->lines.write_line("counters " + counters.dump());
    scheduler_.run_event([&] { endpoint->service.shutdown(); });
  }
  server_.stop();
}

bool AudioServiceProcess::stopped() const { return server_.open_connections() == 0; }

}  // namespace hil::bench
