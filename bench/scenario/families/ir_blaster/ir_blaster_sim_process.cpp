// `hilbench sim ir_blaster ...`: a simulated Zigbee IR blaster and its room on real transports,
// until SIGINT/SIGTERM.
#include "bench/scenario/families/ir_blaster/ir_blaster_sim_process.h"

#include <boost/asio/signal_set.hpp>
#include <boost/program_options.hpp>
#include <chrono>
#include <iostream>

#include "bench/cli/parse_options.h"
#include "bench/cli/run_until_signal.h"
#include "bench/io/run_until.h"
#include "bench/rigs/sim_ir_blaster_process.h"

namespace po = boost::program_options;

namespace hil::scenario {
namespace {

constexpr auto kReadyTimeout = std::chrono::seconds(15);
constexpr auto kStopDeadline = std::chrono::seconds(3);
constexpr double kMaxSensorPeriodS = 86400;

}  // namespace

int run_ir_blaster_sim_process(const std::vector<std::string>& args) {
  bench::SimIrBlasterProcessOptions options;
  double sensor_period_s = 30.0;
  constexpr double kMinC = sim::SimIrBlaster::kMinTemperatureC;
  constexpr double kMaxC = sim::SimIrBlaster::kMaxTemperatureC;
  cli::CommandFlags flags("sim ir_blaster", "hilbench sim ir_blaster --name NAME [options]");
  flags.add()(
      "name",
      cli::text(&options.blaster.name)->checked_by(&sim::SimIrBlaster::check_name)->required(),
      "the blaster's Zigbee2MQTT friendly name")(
      "broker", cli::broker_url(&options.broker_url),
      "mqtt://HOST:PORT or mqtts://HOST:PORT (default: an embedded broker)")(
      "username", po::value(&options.username), "MQTT username")(
      "password", po::value(&options.password), "MQTT password")(
      "tls-ca", cli::text(&options.tls_ca_file)->not_empty(), "CA file: connect with TLS")(
      "sensor", cli::text(&options.blaster.sensor_name)->checked_by(&sim::SimIrBlaster::check_name),
      "the room sensor's friendly name (default: NAME_room)")(
      "room-temp",
      cli::number(&options.blaster.room_temperature_c)->within(kMinC, kMaxC)->default_value(26.0),
      "room temperature at start, C")("outside-temp",
                                      cli::number(&options.blaster.outside_temperature_c)
                                          ->within(kMinC, kMaxC)
                                          ->default_value(30.0),
                                      "outside temperature, C")(
      "sensor-period-s",
      cli::number(&sensor_period_s)->within(0.0, kMaxSensorPeriodS)->default_value(30.0),
      "sensor heartbeat in device seconds (0: changes only)")(
      "time-scale", cli::time_scale_number(&options.time_scale)->default_value(1.0),
      "device seconds per wall second")("offline",
                                        "start unpowered: availability offline, sends ignored");
  if (const auto done = flags.parse(args)) return *done;
  options.blaster.online = !flags.given("offline");
  options.blaster.sensor_period =
      std::chrono::duration_cast<core::Micros>(std::chrono::duration<double>(sensor_period_s));
  bench::LogSink log_sink(std::cerr, flags.log_level());
  options.log = bench::Logger(log_sink, "sim");
  boost::asio::io_context io;
  bench::SimIrBlasterProcess process(io, options);
  // A SIGTERM while it starts up must still stop it cleanly, with availability offline.
  bool stopping = false;
  boost::asio::signal_set early_signals(io, SIGINT, SIGTERM);
  early_signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec || stopping) return;
    stopping = true;
    process.stop();
  });
  std::string error;
  if (!process.start(error)) {
    options.log.error(error);
    return 1;
  }
  bench::run_until(
      io, [&] { return stopping || process.ready(); }, kReadyTimeout);
  if (stopping) {
    bench::run_until(
        io, [&] { return process.stopped(); }, kStopDeadline);
    return 0;
  }
  if (!process.ready()) {
    options.log.error("could not reach the broker within 15 s");
    return 1;
  }
  cli::serve_until_signal(
      io, process.ready_info().dump(),
      [&] {
        stopping = true;
        process.stop();
      },
      [&] { return process.stopped(); });
  return process.failed() ? 1 : 0;
}

}  // namespace hil::scenario
