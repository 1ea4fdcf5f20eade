// `hilbench sim ir_blaster ...`: a simulated Zigbee IR blaster and its room on real transports,
// until SIGINT/SIGTERM.
#include "bench/scenario/families/ir_blaster/ir_blaster_sim_process.h"

#include <boost/asio/signal_set.hpp>
#include <boost/program_options.hpp>
#include <chrono>
#include <iostream>

#include "bench/cli/parse_options.h"
#include "bench/cli/run_until_signal.h"
#include "bench/rigs/sim_ir_blaster_process.h"

namespace po = boost::program_options;

namespace hil::scenario {
namespace {

constexpr auto kReadyTimeout = std::chrono::seconds(15);

}  // namespace

int run_ir_blaster_sim_process(const std::vector<std::string>& args) {
  bench::SimIrBlasterProcessOptions options;
  double sensor_period_s = 30.0;
  po::options_description desc("hilbench sim ir_blaster options");
  desc.add_options()("help,h", "show this help")("name",
                                                 po::value(&options.blaster.name)->required(),
                                                 "the blaster's Zigbee2MQTT friendly name")(
      "broker", po::value(&options.broker_url),
      "mqtt://HOST:PORT or mqtts://HOST:PORT (default: an embedded broker)")(
      "username", po::value(&options.username), "MQTT username")(
      "password", po::value(&options.password), "MQTT password")(
      "tls-ca", po::value(&options.tls_ca_file), "CA file: connect with TLS")(
      "sensor", po::value(&options.blaster.sensor_name),
      "the room sensor's friendly name (default: NAME_room)")(
      "room-temp", po::value(&options.blaster.room_temperature_c)->default_value(26.0),
      "room temperature at start, C")(
      "outside-temp", po::value(&options.blaster.outside_temperature_c)->default_value(30.0),
      "outside temperature, C")("sensor-period-s", po::value(&sensor_period_s)->default_value(30.0),
                                "sensor heartbeat in device seconds (0: changes only)")(
      "time-scale", po::value(&options.time_scale)->default_value(1.0),
      "device seconds per wall second")("offline",
                                        "start unpowered: availability offline, sends ignored");
  po::variables_map vm;
  if (const auto done =
          cli::parse_options("hilbench sim ir_blaster",
                             "hilbench sim ir_blaster --name NAME [options]", args, desc, vm)) {
    return *done;
  }
  options.blaster.online = vm.count("offline") == 0;
  std::string problem = sim::SimIrBlaster::check_name(options.blaster.name);
  if (problem.empty() && vm.count("sensor"))
    problem = sim::SimIrBlaster::check_name(options.blaster.sensor_name);
  if (problem.empty() && !(options.time_scale > 0)) problem = "--time-scale must be > 0";
  if (problem.empty() && !(sensor_period_s >= 0)) problem = "--sensor-period-s must be >= 0";
  for (const double c :
       {options.blaster.room_temperature_c, options.blaster.outside_temperature_c}) {
    if (problem.empty() &&
        !(c >= sim::SimIrBlaster::kMinTemperatureC && c <= sim::SimIrBlaster::kMaxTemperatureC)) {
      problem = "--room-temp and --outside-temp must be from -40 to 60 C";
    }
  }
  if (!problem.empty()) {
    std::cerr << "hilbench sim ir_blaster: " << problem << '\n';
    return 2;
  }
  options.blaster.sensor_period =
      std::chrono::duration_cast<core::Micros>(std::chrono::duration<double>(sensor_period_s));
  boost::asio::io_context io;
  bench::SimIrBlasterProcess process(io, options);
  // A SIGTERM while it starts up must still stop it cleanly, with availability offline.
  bool stopping = false;
  boost::asio::signal_set early_signals(io, SIGINT, SIGTERM);
  early_signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec || stopping) return;
    stopping = true;
    process.stop();
    io.stop();
  });
  std::string error;
  if (!process.start(error)) {
    std::cerr << "hilbench sim ir_blaster: " << error << '\n';
    return 1;
  }
  const auto deadline = std::chrono::steady_clock::now() + kReadyTimeout;
  while (!stopping && !process.ready() && std::chrono::steady_clock::now() < deadline) {
    io.run_for(std::chrono::milliseconds(20));
  }
  if (stopping) {
    io.restart();
    io.run_for(std::chrono::milliseconds(300));
    return 0;
  }
  if (!process.ready()) {
    std::cerr << "hilbench sim ir_blaster: could not reach the broker within 15 s\n";
    return 1;
  }
  cli::serve_until_signal(io, process.ready_info().dump(), [&] {
    stopping = true;
    process.stop();
  });
  return 0;
}

}  // namespace hil::scenario
