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
namespace {

constexpr double kMaxWatchdogS = 86400;

}  // namespace

int run_mcu_sim_process(const std::vector<std::string>& args) {
  bench::SimMcuProcessOptions options;
  double watchdog_s = 120.0;
  cli::CommandFlags flags(
      "sim mcu",
      "hilbench sim mcu --serial pty|PATH [options]\n\n"
      "Control lines on stdin, one JSON object each (see docs/supervisor.md):\n"
      "  {\"switch\":{\"lte\":false}} {\"battery\":{\"pct\":15}} {\"charger\":false}\n"
      "  {\"message\":{\"from\":\"node-7\"}} {\"radio\":\"fault\"} {\"unplug_ms\":2000}\n"
      "  {\"unplug\":true} {\"plug\":true} {\"mcu_temp_c\":41} {\"heartbeat\":false}\n"
      "  {\"power_button\":true}");
  flags.add()("serial", cli::text(&options.serial)->not_empty()->required(),
              "pty (open a PTY and report its path) or a tty path")(
      "baud", cli::baud_rate(&options.baud)->default_value(bench::SerialLink::kDefaultBaud),
      "line rate of a tty, and of --line-rate")(
      "line-rate", po::bool_switch(&options.line_rate),
      "bytes cross the simulated UART at --baud (10 bits a byte)")(
      "time-scale", cli::time_scale_number(&options.time_scale)->default_value(1.0),
      "device seconds per wall second")(
      "watchdog-s", cli::number(&watchdog_s)->within(0.0, kMaxWatchdogS)->default_value(120.0),
      "the Pi must send a request this soon after boot or a reset (0: no watchdog)")(
      "poweroff-min-pct",
      cli::number(&options.board.mcu.poweroff_min_battery_pct)->within(0, 100)->default_value(20),
      "arm_poweroff is refused with battery_low below this charge")(
      "no-stdin", "read no control lines from stdin");
  if (const auto done = flags.parse(args)) return *done;
  options.stdin_controls = !flags.given("no-stdin");
  options.board.mcu.watchdog_timeout =
      std::chrono::duration_cast<core::Micros>(std::chrono::duration<double>(watchdog_s));
  bench::LogSink log_sink(std::cerr, flags.log_level());
  options.log = bench::Logger(log_sink, "sim");
  boost::asio::io_context io;
  bench::SimMcuProcess process(io, options);
  std::string error;
  if (!process.start(error)) {
    options.log.error(error);
    return 1;
  }
  cli::serve_until_signal(io, process.ready_info().dump(), [&] { process.stop(); });
  return 0;
}

}  // namespace hil::scenario
