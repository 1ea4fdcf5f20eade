// `hilbench head`: the robot head's controller (shared/specs/head-controller-mqtt.md) with the
// original's flags, until SIGINT/SIGTERM, which stops every script within the grace and exits 0.
#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <iostream>

#include "bench/cli/commands.h"
#include "bench/cli/parse_options.h"
#include "bench/cli/run_until_signal.h"
#include "bench/head/head_service.h"
#include "bench/io/run_until.h"

namespace po = boost::program_options;

namespace hil::cli {
namespace {

constexpr auto kReadyTimeout = std::chrono::seconds(15);

}  // namespace

int head_command(const std::vector<std::string>& args) {
  bench::HeadServiceOptions options;
  std::string host = "127.0.0.1", bluetooth, sim_file;
  int port = 1883;
  double stop_grace_s = 5, connect_timeout_s = 30;
  CommandFlags flags("head",
                     "hilbench head --name NAME [--host HOST --port PORT | --broker URL] "
                     "(--scripts-dir DIR... | --sim FILE) [options]");
  flags.add()("name", text(&options.name)->not_empty()->required(),
              "the head's name: its topics are heads/NAME/...")(
      "host", text(&host)->not_empty()->default_value("127.0.0.1"), "the broker's host")(
      "port", number(&port)->within(1, 65535)->default_value(1883), "the broker's port")(
      "broker", broker_url(&options.broker_url), "mqtt://HOST:PORT or mqtts://HOST:PORT")(
      "username", po::value(&options.username), "MQTT username")(
      "password", po::value(&options.password), "MQTT password")(
      "tls-ca", text(&options.tls_ca_file)->not_empty(), "CA file: verify the broker (mqtts://)")(
      "tls-cert", text(&options.tls_cert_file)->not_empty(), "client certificate (with --tls-key)")(
      "tls-key", text(&options.tls_key_file)->not_empty(), "client key")(
      "scripts-dir", po::value(&options.scripts_dirs)->composing(),
      "a folder scripts may run from (repeatable); a relative path is read from the first")(
      "interpreter", text(&options.interpreter)->not_empty()->default_value("python3"),
      "what runs each script: INTERPRETER SCRIPT ARGS..., no shell")(
      "stop-grace-s", number(&stop_grace_s)->within(0.0, 3600.0)->default_value(5.0),
      "from a stop's SIGTERM to SIGKILL")(
      "connect-timeout-s", number(&connect_timeout_s)->within(0.1, 3600.0)->default_value(30.0),
      "how long a Bluetooth connect may take")(
      "bluetooth", one_of(&bluetooth, {"bluez", "sim"}),
      "bluez (the system bus, or DBUS_SYSTEM_BUS_ADDRESS) or sim (the --sim file's devices); "
      "default: sim with --sim, else bluez")("bluetooth-adapter",
                                             text(&options.bluetooth_adapter)->not_empty(),
                                             "BlueZ's adapter, e.g. hci0 (default: any)")(
      "sim", text(&sim_file)->not_empty(),
      "simulate the scripts (and Bluetooth devices) a YAML file describes, instead of processes")(
      "debug", "verbose logging (as --log-level debug)");
  if (const auto done = flags.parse(args)) return *done;
  if (flags.given("broker") && (flags.given("host") || flags.given("port")))
    return flags.refuse("--broker names the broker: not with --host or --port");
  if (!flags.given("broker")) options.broker_url = "mqtt://" + host + ":" + std::to_string(port);
  if (sim_file.empty() && options.scripts_dirs.empty())
    return flags.refuse("give --scripts-dir DIR (where scripts may run from), or --sim FILE");
  if (!sim_file.empty()) {
    std::string error;
    options.sim = bench::load_sim_head_file(sim_file, error);
    if (!options.sim) return flags.refuse(error);
  }
  options.sim_bluetooth = bluetooth.empty() ? !sim_file.empty() : bluetooth == "sim";
  options.stop_grace = std::chrono::milliseconds(std::llround(stop_grace_s * 1000));
  options.connect_timeout = std::chrono::milliseconds(std::llround(connect_timeout_s * 1000));

  bench::LogSink log_sink(std::cerr,
                          flags.given("debug") ? bench::LogLevel::kDebug : flags.log_level());
  options.log = bench::Logger(log_sink, "head");
  boost::asio::io_context io;
  bench::HeadService service(io, options);
  std::string error;
  if (!service.start(error)) return flags.refuse(error);
  if (!bench::run_until(
          io, [&] { return service.ready(); }, kReadyTimeout)) {
    options.log.error("could not reach the broker within 15 s: " + service.last_error());
    return 1;
  }
  serve_until_signal(
      io, service.ready_info().dump(), [&] { service.shut_down(); },
      [&] { return service.stopped(); }, options.stop_grace + std::chrono::seconds(1));
  return 0;
}

}  // namespace hil::cli
