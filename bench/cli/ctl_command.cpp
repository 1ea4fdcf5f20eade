// `hilbench ctl (--broker URL --node ID | --serial PATH) [COMMAND...]`: the host CLI. Each
// argument is one console line; with none, lines are read from stdin (an interactive console).
#include <unistd.h>

#include <boost/program_options.hpp>
#include <iostream>

#include "bench/cli/commands.h"
#include "bench/ctl/ctl_mqtt_session.h"
#include "bench/ctl/ctl_serial_session.h"
#include "bench/io/mqtt_url.h"

namespace po = boost::program_options;

namespace hil::cli {
namespace {

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
  po::options_description desc("hilbench ctl options");
  desc.add_options()("help,h", "show this help")("broker", po::value(&broker),
                                                 "mqtt://HOST:PORT of the node's broker")(
      "node", po::value(&node), "the node id (devices/<id>/...)")(
      "serial", po::value(&serial), "the node's console tty instead of MQTT")(
      "username", po::value(&username), "MQTT username")(
      "password", po::value(&password), "MQTT password")("tls-ca", po::value(&tls_ca),
                                                         "CA file: connect with TLS")(
      "timeout", po::value(&timeout_s)->default_value(10),
      "seconds to wait for a reply (plus a move's estimate)")(
      "command", po::value(&commands), "console lines, e.g. MOVE:0,1200 \"SET SPEED=5000\"");
  po::positional_options_description positional;
  positional.add("command", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(desc).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "hilbench ctl: " << e.what() << "\n" << desc;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << "usage: hilbench ctl (--broker URL --node ID | --serial PATH) [COMMAND...]\n"
              << desc;
    return 0;
  }
  const bool use_serial = !serial.empty();
  if (use_serial == (!broker.empty() || !node.empty()) ||
      (!use_serial && (broker.empty() || node.empty()))) {
    std::cerr << "hilbench ctl: give either --broker URL and --node ID, or --serial PATH\n";
    return 2;
  }
  const auto timeout = std::chrono::milliseconds(static_cast<std::int64_t>(timeout_s * 1000));
  boost::asio::io_context io;
  std::string error;
  if (use_serial) {
    ctl::CtlSerialSession session(io, serial);
    if (!session.open(error)) {
      std::cerr << "hilbench ctl: " << error << '\n';
      return 3;
    }
    return run_lines(session, commands, timeout);
  }
  const auto options = bench::client_options_for(broker, username, password, tls_ca, error);
  if (!options) {
    std::cerr << "hilbench ctl: " << error << '\n';
    return 2;
  }
  ctl::CtlMqttSession session(io, *options, node);
  if (!session.connect(timeout, error)) {
    std::cerr << "hilbench ctl: " << error << '\n';
    return 3;
  }
  return run_lines(session, commands, timeout);
}

}  // namespace hil::cli
