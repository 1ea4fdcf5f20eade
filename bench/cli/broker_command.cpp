// `hilbench broker [--port N] [--user NAME:PASS]... [--acl-file F] [--tls-port N --tls-cert F
// --tls-key F]`: Debian's mosquitto on loopback ports, until SIGINT/SIGTERM; `hilbench broker
// --engine nats [--cluster N]`: a NATS cluster instead (nats_broker.h).
#include <unistd.h>

#include <boost/program_options.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "bench/cli/commands.h"
#include "bench/cli/nats_broker.h"
#include "bench/cli/parse_options.h"
#include "bench/cli/run_until_signal.h"
#include "bench/io/child_process.h"
#include "bench/io/embedded_broker.h"
#include "bench/io/nats_cluster.h"
#include "bench/io/private_dir.h"
#include "bench/log/logger.h"

namespace po = boost::program_options;

namespace hil::cli {
namespace {

// NAME:PASSWORD with a name.
bool is_user_entry(const std::string& entry) {
  const auto colon = entry.find(':');
  return colon != std::string::npos && colon != 0;
}

// Writes a mosquitto password file for NAME:PASSWORD entries; false with a reason on failure.
bool write_password_file(const std::vector<std::string>& users, const std::string& file,
                         std::string& error) {
  bool first = true;
  for (const std::string& entry : users) {
    const auto colon = entry.find(':');
    std::vector<std::string> argv = {"mosquitto_passwd", "-b"};
    if (first) argv.emplace_back("-c");
    argv.insert(argv.end(), {file, entry.substr(0, colon), entry.substr(colon + 1)});
    std::string output;
    if (bench::run_command(argv, output) != 0) {
      error = "mosquitto_passwd failed: " + output;
      return false;
    }
    first = false;
  }
  return true;
}

}  // namespace

int broker_command(const std::vector<std::string>& args) {
  int port = 0;
  int tls_port = 0;
  int cluster = 1;
  std::vector<std::string> users;
  std::string engine = "mosquitto", acl_file, tls_cert, tls_key;
  CommandFlags flags("broker",
                     "hilbench broker [--port N] [--user NAME:PASSWORD]... [--acl-file FILE] "
                     "[--tls-port N --tls-cert FILE --tls-key FILE]\n"
                     "       hilbench broker --engine nats [--cluster N]");
  flags.add()("engine", one_of(&engine, {"mosquitto", "nats"}),
              "mosquitto (the default: one broker) or nats (nats-server nodes with JetStream and "
              "MQTT 3.1.1, QoS 0 and 1 only)")(
      "cluster", number(&cluster)->within(1, bench::NatsCluster::kMaxNodes),
      "with --engine nats: this many nodes, routed to each other (default 1)")(
      "port", number(&port)->within(0, 65535), "listen on this port (default: a free one)")(
      "user", po::value(&users),
      "NAME:PASSWORD, repeatable: require these credentials (no anonymous clients)")(
      "acl-file", text(&acl_file)->not_empty(), "a mosquitto ACL file")(
      "tls-port", number(&tls_port)->within(1, 65535),
      "also listen with TLS on this port (needs --tls-cert and --tls-key)")(
      "tls-cert", text(&tls_cert)->not_empty(), "the TLS listener's certificate (PEM)")(
      "tls-key", text(&tls_key)->not_empty(), "the TLS listener's private key (PEM)");
  if (const auto done = flags.parse(args)) return *done;
  bench::LogSink log_sink(std::cerr, flags.log_level());
  const bench::Logger log(log_sink, "broker");
  if (engine == "nats") {
    for (const char* flag : {"port", "user", "acl-file", "tls-port", "tls-cert", "tls-key"}) {
      if (flags.given(flag)) {
        return flags.refuse(std::string("--") + flag + " goes with --engine mosquitto");
      }
    }
    return serve_nats_broker(cluster, log);
  }
  if (flags.given("cluster")) return flags.refuse("--cluster goes with --engine nats");
  if ((tls_port != 0) != (!tls_cert.empty() && !tls_key.empty())) {
    return flags.refuse("--tls-port, --tls-cert and --tls-key go together");
  }
  for (const std::string& entry : users) {
    if (!is_user_entry(entry))
      return flags.refuse("--user must be NAME:PASSWORD, not '" + entry + "'");
  }
  bench::EmbeddedBrokerOptions options;
  options.port = static_cast<std::uint16_t>(port);
  const bench::PrivateDir scratch("hilbench-users");  // the password file, removed at the end
  std::string error;
  if (!users.empty()) {
    const std::string file = scratch.file("passwords");
    if (scratch.path().empty()) error = "cannot create a folder for the password file";
    if (!error.empty() || !write_password_file(users, file, error)) {
      log.error(error);
      return 1;
    }
    options.allow_anonymous = false;
    options.extra_config.push_back("password_file " + file);
  }
  if (!acl_file.empty()) options.extra_config.push_back("acl_file " + acl_file);
  if (tls_port != 0) {
    options.extra_config.insert(options.extra_config.end(),
                                {"listener " + std::to_string(tls_port) + " 127.0.0.1",
                                 "certfile " + tls_cert, "keyfile " + tls_key});
  }
  bench::EmbeddedBroker broker(options);
  if (!broker.start(error)) {
    log.error(error);
    return 1;
  }
  // `pid` is mosquitto's (as ever); `hilbench_pid` is the process to signal to stop the broker.
  nlohmann::json ready = {
      {"ready", true},       {"url", broker.url()},           {"port", broker.port()},
      {"pid", broker.pid()}, {"mosquitto_pid", broker.pid()}, {"hilbench_pid", ::getpid()}};
  if (tls_port != 0) ready["tls_url"] = "mqtts://127.0.0.1:" + std::to_string(tls_port);
  boost::asio::io_context io;
  auto guard = boost::asio::make_work_guard(io);
  int exit_code = 0;
  broker.watch_exit(io, [&](const std::string& why) {
    log.error(why);
    exit_code = 1;
    io.stop();
  });
  serve_until_signal(io, ready.dump(), [&] {
    guard.reset();
    broker.stop();
  });
  return exit_code;
}

}  // namespace hil::cli
