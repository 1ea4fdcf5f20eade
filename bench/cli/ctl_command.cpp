// `hilbench ctl (--broker URL --node ID | --serial PATH) [COMMAND...]`: the host CLI. Each
// argument is one console line; with none, lines are read from stdin (an interactive console).
#include <unistd.h>

#include <boost/program_options.hpp>
#include <iostream>

#include "bench/cli/commands.h"
#include "bench/cli/parse_options.h"
#include "bench/ctl/ctl_mqtt_session.h"
#include "bench/ctl/ctl_serial_session.h"
#include "bench/io/mqtt_url.h"
#include "bench/log/logger.h"

namespace po = boost::program_options;

namespace hil::cli {
namespace {

constexpr double kMaxTimeoutS = 86400;

template <typename Session>
int run_lines(Session& session, const std::vector<std::string>& commands,
              std::chrono::milliseconds timeout) {
  int worst = 0;
  const auto run = [&](const std::string& line) {
    const int result = static_cast<int>(session.run(line, std::cout, timeout));
    worst = std::max(worst, result);
  };
  if (!commands.empty()) {
    for (const auto& line : commands) run(line);
    return worst;
  }
  const bool interactive = isatty(STDIN_FILENO) != 0;
  std::string line;
  while (true) {
    if (interactive) std::cout << "> " << std::flush;
    if (!std::getline(std::cin, line)) break;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    run(line);
  }
  return worst;
}

}  // namespace

int ctl_command(const std::vector<std::string>& args) {
  std::string broker, node, serial, username, password, tls_ca;
  double timeout_s = 10;
  std::vector<std::string> commands;
  CommandFlags flags("ctl", "hilbench ctl (--broker URL --node ID | --serial PATH) [COMMAND...]");
  flags.add()("broker", broker_url(&broker), "mqtt://HOST:PORT of the node's broker")(
      "node", text(&node)->not_empty(), "the node id (devices/<id>/...)")(
      "serial", text(&serial)->not_empty(), "the node's console tty instead of MQTT")(
      "username", po::value(&username), "MQTT username")(
      "password", po::value(&password), "MQTT password")("tls-ca", text(&tls_ca)->not_empty(),
                                                         "CA file: connect with TLS")(
      "timeout", number(&timeout_s)->above(0)->at_most(kMaxTimeoutS)->default_value(10),
      "seconds to wait for a reply (plus a move's estimate)")(
      "command", po::value(&commands), "console lines, e.g. MOVE:0,1200 \"SET SPEED=5000\"");
  flags.take_words("command");
  if (const auto done = flags.parse(args)) return *done;
  const bool use_serial = !serial.empty();
  if (use_serial == (!broker.empty() || !node.empty()) ||
      (!use_serial && (broker.empty() || node.empty()))) {
    return flags.refuse("give either --broker URL and --node ID, or --serial PATH");
  }
  const auto timeout = std::chrono::milliseconds(static_cast<std::int64_t>(timeout_s * 1000));
  bench::LogSink log_sink(std::cerr, flags.log_level());
  const bench::Logger log(log_sink, "ctl");
  boost::asio::io_context io;
  std::string error;
  if (use_serial) {
    ctl::CtlSerialSession session(io, serial, log.at("serial"));
    if (!session.open(error)) {
      log.error(error);
      return 3;
    }
    return run_lines(session, commands, timeout);
  }
  auto options = bench::client_options_for(broker, username, password, tls_ca, error);
  if (!options) return flags.refuse(error);
  options->log = log.at("mqtt");
  ctl::CtlMqttSession session(io, *options, node);
  if (!session.connect(timeout, error)) {
    log.error(error);
    return 3;
  }
  return run_lines(session, commands, timeout);
}

}  // namespace hil::cli
