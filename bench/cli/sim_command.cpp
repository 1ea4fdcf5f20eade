// `hilbench sim stepper ...`: a simulated device on real transports, until SIGINT/SIGTERM.
#include <chrono>
#include <iostream>

#include <boost/program_options.hpp>

#include "bench/cli/commands.h"
#include "bench/cli/run_until_signal.h"
#include "bench/rigs/sim_stepper_process.h"

namespace po = boost::program_options;

namespace hil::cli {
namespace {

constexpr auto kReadyTimeout = std::chrono::seconds(15);

int sim_stepper(const std::vector<std::string>& args) {
  bench::SimStepperProcessOptions options;
  po::options_description desc("hilbench sim stepper options");
  desc.add_options()
      ("help,h", "show this help")
      ("node-id", po::value(&options.node_id)->required(), "node id (the MAC in lower-case hex on a real node)")
      ("broker", po::value(&options.broker_url), "mqtt://HOST:PORT or mqtts://HOST:PORT (default: an embedded broker)")
      ("no-mqtt", "serial only: no broker at all")
      ("username", po::value(&options.username), "MQTT username")
      ("password", po::value(&options.password), "MQTT password")
      ("tls-ca", po::value(&options.tls_ca_file), "CA file: connect with TLS")
      ("serial", po::value(&options.serial), "pty (open a PTY and report its path) or a tty path")
      ("time-scale", po::value(&options.time_scale)->default_value(1.0), "device seconds per wall second")
      ("seed", po::value(&options.seed)->default_value(1), "seed of ids and noise")
      ("config-file", po::value(&options.config_file), "keep the node's settings in this JSON file");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(desc).run(), vm);
    if (vm.count("help")) {
      std::cout << desc;
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "hilbench sim stepper: " << e.what() << "\n" << desc;
    return 2;
  }
  options.mqtt = vm.count("no-mqtt") == 0;
  if (options.node_id.empty() || options.time_scale <= 0) {
    std::cerr << "hilbench sim stepper: --node-id must not be empty and --time-scale must be > 0\n";
    return 2;
  }
  boost::asio::io_context io;
  bench::SimStepperProcess process(io, options);
  std::string error;
  if (!process.start(error)) {
    std::cerr << "hilbench sim stepper: " << error << '\n';
    return 1;
  }
  const auto deadline = std::chrono::steady_clock::now() + kReadyTimeout;
  while (!process.ready() && std::chrono::steady_clock::now() < deadline) {
    io.run_for(std::chrono::milliseconds(20));
  }
  if (!process.ready()) {
    std::cerr << "hilbench sim stepper: could not reach the broker within 15 s\n";
    return 1;
  }
  print_ready(process.ready_info().dump());
  run_until_signal(io, [&] { process.stop(); });
  return 0;
}

}  // namespace

int sim_command(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << "usage: hilbench sim <device> [options]\n\ndevices:\n  stepper   the ESP32 stepper-motor node\n";
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "stepper") return sim_stepper(std::vector<std::string>(args.begin() + 1, args.end()));
  std::cerr << "hilbench sim: unknown device '" << args[0] << "' (known: stepper)\n";
  return 2;
}

}  // namespace hil::cli
