// `hilbench audio-service`: the ESP32 audio front end's host service on ws://HOST:PORT/PATH, until
// SIGINT/SIGTERM.
#include <iostream>

#include "bench/audio/pcm_source.h"
#include "bench/cli/commands.h"
#include "bench/cli/parse_options.h"
#include "bench/cli/run_until_signal.h"
#include "bench/rigs/audio_service_process.h"

namespace hil::cli {
namespace {

constexpr unsigned kMaxEndpoints = 1024;

std::string app_problem(const std::string& app) {
  if (app == "echo" || app == "wake" || bench::is_pcm_source(app)) return "";
  return "must be echo, wake, wav:FILE or say:TEXT, not '" + app + "'";
}

std::string reply_problem(const std::string& reply) {
  return bench::is_pcm_source(reply) ? "" : "must be wav:FILE or say:TEXT, not '" + reply + "'";
}

std::string path_problem(const std::string& path) {
  return !path.empty() && path.front() == '/' ? "" : "must start with '/', not '" + path + "'";
}

}  // namespace

int audio_service_command(const std::vector<std::string>& args) {
  bench::AudioServiceProcessOptions options;
  unsigned port = 8765;
  CommandFlags flags(
      "audio-service",
      "hilbench audio-service [--host 127.0.0.1] [--port 8765] [--path /ws]\n"
      "                       [--app echo|wake|wav:FILE|say:TEXT] [--reply wav:FILE|say:TEXT]\n"
      "                       [--endpoints N]\n\n"
      "The ESP32 audio service: one client per endpoint (a second one gets 1013), microphone\n"
      "audio to the app, paced playback. Apps: echo plays back what the microphone sends; wake\n"
      "answers the wake tone pair (697 + 1209 Hz) with listening, the ack tone and --reply (the\n"
      "\"ready\" tone by default); wav:FILE and say:TEXT play that audio to each client that\n"
      "connects.");
  flags.add()("host", text(&options.host)->not_empty()->default_value("127.0.0.1"),
              "numeric address to listen on")(
      "port", number(&port)->at_most(65535)->default_value(8765), "TCP port (0: a free one)")(
      "path", text(&options.path)->checked_by(path_problem)->default_value("/ws"),
      "the endpoint's path")(
      "app", text(&options.app)->checked_by(app_problem)->default_value("echo"),
      "echo, wake, wav:FILE or say:TEXT")("reply", text(&options.reply)->checked_by(reply_problem),
                                          "wake's reply: wav:FILE or say:TEXT")(
      "endpoints", number(&options.endpoints)->within(1, kMaxEndpoints),
      "N services at PATH/0 .. PATH/N-1 instead of one at PATH");
  if (const auto done = flags.parse(args)) return *done;
  if (flags.given("reply") && options.app != "wake")
    return flags.refuse("--reply goes with --app wake");
  options.port = static_cast<std::uint16_t>(port);
  bench::LogSink log_sink(std::cerr, flags.log_level());
  options.log = bench::Logger(log_sink, "audio");
  boost::asio::io_context io;
  bench::AudioServiceProcess service(io, options);
  std::string error;
  if (!service.start(error)) {
    options.log.error(error);
    return 1;
  }
  serve_until_signal(
      io, service.ready_info().dump(), [&] { service.stop(); }, [&] { return service.stopped(); });
  return 0;
}

}  // namespace hil::cli
