// `hilbench sim mcu ...`: a simulated supervisor MCU board on real transports, until
// SIGINT/SIGTERM.
#include "bench/scenario/families/mcu/mcu_sim_process.h"

#include <boost/asio/signal_set.hpp>
#include <boost/program_options.hpp>
#include <chrono>
#include <iostream>

#include "bench/cli/parse_options.h"
#include "bench/cli/run_until_signal.h"
#include "bench/rigs/sim_mcu_process.h"

namespace po = boost::program_options;

namespace hil::scenario {

int run_mcu_sim_process(const std::vector<std::string>& args) {
  bench::SimMcuProcessOptions options;
  double watchdog_s = 120.0;
  po::options_description desc("hilbench sim mcu options");
  desc.add_options()("help,h", "show this help")(
      "serial", po::value(&options.serial)->required(),
      "pty (open a PTY and report its path) or a tty path")(
      "baud", po::value(&options.baud)->default_value(bench::SerialLink::kDefaultBaud),
      "line rate of a tty, and of --line-rate")(
      "line-rate", po::bool_switch(&options.line_rate),
      "bytes cross the simulated UART at --baud (10 bits a byte)")(
      "time-scale", po::value(&options.time_scale)->default_value(1.0),
      "device seconds per wall second")(
      "watchdog-s", po::value(&watchdog_s)->default_value(120.0),
      "the Pi must send a request this soon after boot or a reset (0: no watchdog)")(
      "poweroff-min-pct", po::value(&options.board.mcu.poweroff_min_battery_pct)->default_value(20),
      "arm_poweroff is refused with battery_low below this charge")(
      "no-stdin", "read no control lines from stdin");
  po::variables_map vm;
  if (const auto done = cli::parse_options(
          "hilbench sim mcu",
          "hilbench sim mcu --serial pty|PATH [options]\n\n"
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
  if (problem.empty() && (options.baud < 50 || options.baud > 4000000))
    problem = "--baud must be from 50 to 4000000";
  if (problem.empty() && !(watchdog_s >= 0 && watchdog_s <= 86400))
    problem = "--watchdog-s must be from 0 to 86400";
  if (problem.empty() && (options.board.mcu.poweroff_min_battery_pct < 0 ||
                          options.board.mcu.poweroff_min_battery_pct > 100)) {
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
  cli::serve_until_signal(io, process.ready_info().dump(), [&] { process.stop(); });
  return 0;
}

}  // namespace hil::scenario
