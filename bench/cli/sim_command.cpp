// `hilbench sim stepper|ir-blaster|mcu ...`: a simulated device on real transports, until SIGINT/SIGTERM.
#include <chrono>
#include <iostream>

#include <boost/asio/signal_set.hpp>
#include <boost/program_options.hpp>

#include "bench/cli/commands.h"
#include "bench/cli/parse_options.h"
#include "bench/cli/run_until_signal.h"
#include "bench/rigs/sim_ir_blaster_process.h"
#include "bench/rigs/sim_mcu_process.h"
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
  if (const auto done = parse_options("hilbench sim stepper", "hilbench sim stepper --node-id ID [options]", args, desc, vm)) {
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
  serve_until_signal(io, process.ready_info().dump(), [&] { process.stop(); });
  return 0;
}

int sim_ir_blaster(const std::vector<std::string>& args) {
  bench::SimIrBlasterProcessOptions options;
  double sensor_period_s = 30.0;
  po::options_description desc("hilbench sim ir-blaster options");
  desc.add_options()
      ("help,h", "show this help")
      ("name", po::value(&options.blaster.name)->required(), "the blaster's Zigbee2MQTT friendly name")
      ("broker", po::value(&options.broker_url), "mqtt://HOST:PORT or mqtts://HOST:PORT (default: an embedded broker)")
      ("username", po::value(&options.username), "MQTT username")
      ("password", po::value(&options.password), "MQTT password")
      ("tls-ca", po::value(&options.tls_ca_file), "CA file: connect with TLS")
      ("sensor", po::value(&options.blaster.sensor_name), "the room sensor's friendly name (default: NAME_room)")
      ("room-temp", po::value(&options.blaster.room_temperature_c)->default_value(26.0), "room temperature at start, C")
      ("outside-temp", po::value(&options.blaster.outside_temperature_c)->default_value(30.0), "outside temperature, C")
      ("sensor-period-s", po::value(&sensor_period_s)->default_value(30.0), "sensor heartbeat in device seconds (0: changes only)")
      ("time-scale", po::value(&options.time_scale)->default_value(1.0), "device seconds per wall second")
      ("offline", "start unpowered: availability offline, sends ignored");
  po::variables_map vm;
  if (const auto done =
          parse_options("hilbench sim ir-blaster", "hilbench sim ir-blaster --name NAME [options]", args, desc, vm)) {
    return *done;
  }
  options.blaster.online = vm.count("offline") == 0;
  std::string problem = sim::SimIrBlaster::check_name(options.blaster.name);
  if (problem.empty() && vm.count("sensor")) problem = sim::SimIrBlaster::check_name(options.blaster.sensor_name);
  if (problem.empty() && !(options.time_scale > 0)) problem = "--time-scale must be > 0";
  if (problem.empty() && !(sensor_period_s >= 0)) problem = "--sensor-period-s must be >= 0";
  for (const double c : {options.blaster.room_temperature_c, options.blaster.outside_temperature_c}) {
    if (problem.empty() && !(c >= sim::SimIrBlaster::kMinTemperatureC && c <= sim::SimIrBlaster::kMaxTemperatureC)) {
      problem = "--room-temp and --outside-temp must be from -40 to 60 C";
    }
  }
  if (!problem.empty()) {
    std::cerr << "hilbench sim ir-blaster: " << problem << '\n';
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
    std::cerr << "hilbench sim ir-blaster: " << error << '\n';
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
    std::cerr << "hilbench sim ir-blaster: could not reach the broker within 15 s\n";
    return 1;
  }
  serve_until_signal(io, process.ready_info().dump(), [&] {
    stopping = true;
    process.stop();
  });
  return 0;
}

int sim_mcu(const std::vector<std::string>& args) {
  bench::SimMcuProcessOptions options;
  double watchdog_s = 120.0;
  po::options_description desc("hilbench sim mcu options");
  desc.add_options()
      ("help,h", "show this help")
      ("serial", po::value(&options.serial)->required(), "pty (open a PTY and report its path) or a tty path")
      ("baud", po::value(&options.baud)->default_value(bench::SerialLink::kDefaultBaud), "line rate of a tty, and of --line-rate")
      ("line-rate", po::bool_switch(&options.line_rate), "bytes cross the simulated UART at --baud (10 bits a byte)")
      ("time-scale", po::value(&options.time_scale)->default_value(1.0), "device seconds per wall second")
      ("watchdog-s", po::value(&watchdog_s)->default_value(120.0), "the Pi must send a request this soon after boot or a reset (0: no watchdog)")
      ("poweroff-min-pct", po::value(&options.board.mcu.poweroff_min_battery_pct)->default_value(20),
       "arm_poweroff is refused with battery_low below this charge")
      ("no-stdin", "read no control lines from stdin");
  po::variables_map vm;
  if (const auto done = parse_options("hilbench sim mcu", "hilbench sim mcu --serial pty|PATH [options]\n\n"
                                      "Control lines on stdin, one JSON object each (see docs/supervisor.md):\n"
                                      "  {\"switch\":{\"lte\":false}} {\"battery\":{\"pct\":15}} {\"charger\":false}\n"
                                      "  {\"message\":{\"from\":\"node-7\"}} {\"radio\":\"fault\"} {\"unplug_ms\":2000}\n"
                                      "  {\"unplug\":true} {\"plug\":true} {\"mcu_temp_c\":41} {\"heartbeat\":false}\n"
                                      "  {\"power_button\":true}",
                                      args, desc, vm)) {
    return *done;
  }
  options.stdin_controls = vm.count("no-stdin") == 0;
  std::string problem;
  if (options.serial.empty()) problem = "--serial must be pty or a tty path";
  if (problem.empty() && !(options.time_scale > 0)) problem = "--time-scale must be > 0";
  if (problem.empty() && (options.baud < 50 || options.baud > 4000000)) problem = "--baud must be from 50 to 4000000";
  if (problem.empty() && !(watchdog_s >= 0 && watchdog_s <= 86400)) problem = "--watchdog-s must be from 0 to 86400";
  if (problem.empty() && (options.board.mcu.poweroff_min_battery_pct < 0 || options.board.mcu.poweroff_min_battery_pct > 100)) {
    problem = "--poweroff-min-pct must be from 0 to 100";
  }
  if (!problem.empty()) {
    std::cerr << "hilbench sim mcu: " << problem << '\n';
    return 2;
  }
  options.board.mcu.watchdog_timeout =
      std::chrono::duration_cast<core::Micros>(std::chrono::duration<double>(watchdog_s));
  boost::asio::io_context io;
  bench::SimMcuProcess process(io, options);
  std::string error;
  if (!process.start(error)) {
    std::cerr << "hilbench sim mcu: " << error << '\n';
    return 1;
  }
  serve_until_signal(io, process.ready_info().dump(), [&] { process.stop(); });
  return 0;
}

}  // namespace

int sim_command(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << "usage: hilbench sim <device> [options]\n\ndevices:\n  stepper      the ESP32 stepper-motor node\n"
                 "  ir-blaster   a Zigbee2MQTT IR blaster (ZS06) with a simulated room and sensor\n"
                 "  mcu          the supervisor MCU beside a Raspberry Pi (battery, switches, watchdog) on a serial port\n";
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "stepper") return sim_stepper(std::vector<std::string>(args.begin() + 1, args.end()));
  if (args[0] == "ir-blaster") return sim_ir_blaster(std::vector<std::string>(args.begin() + 1, args.end()));
  if (args[0] == "mcu") return sim_mcu(std::vector<std::string>(args.begin() + 1, args.end()));
  std::cerr << "hilbench sim: unknown device '" << args[0] << "' (known: stepper, ir-blaster, mcu)\n";
  return 2;
}

}  // namespace hil::cli
