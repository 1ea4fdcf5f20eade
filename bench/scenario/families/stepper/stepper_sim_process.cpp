// `hilbench sim stepper ...`: a simulated stepper node on real transports, until SIGINT/SIGTERM.
#include "bench/scenario/families/stepper/stepper_sim_process.h"

#include <boost/asio/signal_set.hpp>
#include <boost/program_options.hpp>
#include <chrono>
#include <iostream>

#include "bench/cli/parse_options.h"
#include "bench/cli/run_until_signal.h"
#include "bench/io/run_until.h"
#include "bench/rigs/sim_stepper_process.h"

namespace po = boost::program_options;

namespace hil::scenario {
namespace {

constexpr auto kReadyTimeout = std::chrono::seconds(15);

}  // namespace

int run_stepper_sim_process(const std::vector<std::string>& args) {
  bench::SimStepperProcessOptions options;
  cli::CommandFlags flags("sim stepper", "hilbench sim stepper --node-id ID [options]");
  flags.add()("node-id", cli::text(&options.node_id)->not_empty()->required(),
              "node id (the MAC in lower-case hex on a real node)")(
      "broker", cli::broker_url(&options.broker_url),
      "mqtt://HOST:PORT or mqtts://HOST:PORT (default: an embedded broker)")(
      "no-mqtt", "serial only: no broker at all")("username", po::value(&options.username),
                                                  "MQTT username")(
      "password", po::value(&options.password), "MQTT password")(
      "tls-ca", cli::text(&options.tls_ca_file)->not_empty(), "CA file: connect with TLS")(
      "serial", cli::text(&options.serial)->not_empty(),
      "pty (open a PTY and report its path) or a tty path")(
      "time-scale", cli::time_scale_number(&options.time_scale)->default_value(1.0),
      "device seconds per wall second")("seed", cli::number(&options.seed)->default_value(1),
                                        "seed of ids and noise")(
      "config-file", cli::text(&options.config_file)->not_empty(),
      "keep the node's settings in this JSON file")(
      "persistent-session",
      "the broker keeps the node's session (and QoS 1 commands) while it is away");
  if (const auto done = flags.parse(args)) return *done;
  options.mqtt = !flags.given("no-mqtt");
  options.clean_session = !flags.given("persistent-session");
  if (!options.mqtt && flags.given("broker"))
    return flags.refuse("--no-mqtt and --broker contradict");
  bench::LogSink log_sink(std::cerr, flags.log_level());
  options.log = bench::Logger(log_sink, "sim");
  boost::asio::io_context io;
  bench::SimStepperProcess process(io, options);
  std::string error;
  if (!process.start(error)) {
    options.log.error(error);
    return 1;
  }
  if (!bench::run_until(
          io, [&] { return process.ready(); }, kReadyTimeout)) {
    options.log.error("could not reach the broker within 15 s");
    return 1;
  }
  cli::serve_until_signal(
      io, process.ready_info().dump(), [&] { process.stop(); }, [&] { return process.stopped(); });
  return process.failed() ? 1 : 0;
}

}  // namespace hil::scenario
