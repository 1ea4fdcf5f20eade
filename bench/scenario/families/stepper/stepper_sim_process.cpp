// `hilbench sim stepper ...`: a simulated stepper node on real transports, until SIGINT/SIGTERM.
#include "bench/scenario/families/stepper/stepper_sim_process.h"

#include <boost/asio/signal_set.hpp>
#include <boost/program_options.hpp>
#include <chrono>
#include <iostream>

#include "bench/cli/parse_options.h"
#include "bench/cli/run_until_signal.h"
#include "bench/rigs/sim_stepper_process.h"

namespace po = boost::program_options;

namespace hil::scenario {
namespace {

constexpr auto kReadyTimeout = std::chrono::seconds(15);

}  // namespace

int run_stepper_sim_process(const std::vector<std::string>& args) {
  bench::SimStepperProcessOptions options;
  po::options_description desc("hilbench sim stepper options");
  desc.add_options()("help,h", "show this help")(
      "node-id", po::value(&options.node_id)->required(),
      "node id (the MAC in lower-case hex on a real node)")(
      "broker", po::value(&options.broker_url),
      "mqtt://HOST:PORT or mqtts://HOST:PORT (default: an embedded broker)")(
      "no-mqtt", "serial only: no broker at all")("username", po::value(&options.username),
                                                  "MQTT username")(
      "password", po::value(&options.password), "MQTT password")(
      "tls-ca", po::value(&options.tls_ca_file), "CA file: connect with TLS")(
      "serial", po::value(&options.serial), "pty (open a PTY and report its path) or a tty path")(
      "time-scale", po::value(&options.time_scale)->default_value(1.0),
      "device seconds per wall second")("seed", po::value(&options.seed)->default_value(1),
                                        "seed of ids and noise")(
      "config-file", po::value(&options.config_file), "keep the node's settings in this JSON file");
  po::variables_map vm;
  if (const auto done = cli::parse_options(
          "hilbench sim stepper", "hilbench sim stepper --node-id ID [options]", args, desc, vm)) {
    return *done;
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
  cli::serve_until_signal(io, process.ready_info().dump(), [&] { process.stop(); });
  return 0;
}

}  // namespace hil::scenario
