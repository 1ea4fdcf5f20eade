// `hilbench supv`: the Pi's side of the supervisor MCU on a real UART. With no subcommand, a live
// view of the merged state (or JSON lines) until SIGINT/SIGTERM; `supv poweroff` runs the
// power-off handshake once and, only if asked with --poweroff-cmd, the shutdown.
#include <sys/ioctl.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <iostream>
#include <optional>

#include "bench/cli/commands.h"
#include "bench/cli/parse_options.h"
#include "bench/cli/run_until_signal.h"
#include "bench/supv/poweroff_ports.h"
#include "bench/supv/supv_host.h"
#include "bench/supv/supv_live_view.h"
#include "firmware_core/supervisor/host_poweroff.h"

namespace hil::cli {
namespace {

// The flags of the UART and the client's timing, shared by `supv` and `supv poweroff`.
struct LinkFlags {
  std::string serial;
  unsigned baud = bench::SerialLink::kDefaultBaud;
  std::int64_t reply_timeout_ms = 1000;
  int attempts = 3;
  std::int64_t quiet_ms = 6000;
};

constexpr int kMaxAttempts = 100;

void add_link_options(CommandFlags& command, LinkFlags& flags) {
  command.add()("serial", text(&flags.serial)->not_empty()->required(),
                "the UART to the supervisor MCU, e.g. /dev/ttyUSB1")(
      "baud", baud_rate(&flags.baud)->default_value(flags.baud),
      "baud rate (8N1, no flow control)")(
      "reply-timeout-ms",
      number(&flags.reply_timeout_ms)->within(1, kMaxSpanMs)->default_value(flags.reply_timeout_ms),
      "how long to wait for each reply before sending the request again")(
      "attempts", number(&flags.attempts)->within(1, kMaxAttempts)->default_value(flags.attempts),
      "sends of a request before it fails (the first included)");
}

bench::SupvHostOptions host_options(const LinkFlags& flags, const bench::Logger& log) {
  bench::SupvHostOptions options;
  options.log = log;
  options.serial_path = flags.serial;
  options.baud = flags.baud;
  options.client.requests.reply_timeout = std::chrono::milliseconds(flags.reply_timeout_ms);
  options.client.requests.attempts = flags.attempts;
  options.client.quiet_after = std::chrono::milliseconds(flags.quiet_ms);
  return options;
}

std::size_t terminal_width() {
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

int supv_poweroff(const std::vector<std::string>& args) {
  LinkFlags flags;
  std::string poweroff_cmd, gpio;
  CommandFlags command("supv poweroff",
                       "hilbench supv poweroff --serial PATH [--poweroff-cmd CMD] [--gpio FILE]");
  add_link_options(command, flags);
  command.add()(
      "poweroff-cmd", text(&poweroff_cmd)->not_empty(),
      "run this shell command once the MCU agrees (e.g. poweroff); without it, a dry run")(
      "gpio", text(&gpio)->not_empty(),
      "the poweroff_ok GPIO as a value file to write 1 to "
      "(e.g. /sys/class/gpio/gpio17/value)");
  if (const auto done = command.parse(args)) return *done;
  bench::LogSink log_sink(std::cerr, command.log_level());
  const bench::Logger log(log_sink, "supv");
  auto options = host_options(flags, log);
  options.client.sync_on_open = false;  // the handshake is all this command says
  const bool dry_run = poweroff_cmd.empty();

  boost::asio::io_context io;
  bench::SupvHost host(io, options);
  std::string error;
  if (!host.open(error)) {
    log.error(error);
    return 1;
  }
  bench::GpioValueFile pin(gpio, dry_run, log);
  bench::ShellPowerAction power(dry_run ? "poweroff" : poweroff_cmd, dry_run, log);
  supervisor::PoweroffHandshake handshake(host.client(), {pin, power});
  std::optional<supervisor::PoweroffResult> result;
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (!ec) io.stop();
  });
  boost::asio::post(io, [&] {
    host.start();
    handshake.start([&](const supervisor::PoweroffResult& done) {
      result = done;
      io.stop();
    });
  });
  io.run();

  nlohmann::ordered_json line;
  line["poweroff_ok"] = result && result->ok();
  line["outcome"] = result ? supervisor::to_string(result->outcome) : "interrupted";
  if (result && !result->detail.empty()) line["error"] = result->detail;
  line["dry_run"] = dry_run;
  std::cout << line.dump() << std::endl;
  if (!result) {
    log.error("interrupted before the MCU answered");
    return 1;
  }
  if (!result->ok()) {
    log.error("aborted: " + result->describe());
    return 1;
  }
  return 0;
}

}  // namespace

int supv_command(const std::vector<std::string>& args) {
  if (!args.empty() && args[0] == "poweroff") return supv_poweroff({args.begin() + 1, args.end()});
  LinkFlags flags;
  CommandFlags command("supv",
                       "hilbench supv --serial PATH [--baud 115200] [--json] [--mesh-live]\n"
                       "       hilbench supv poweroff --serial PATH [--poweroff-cmd CMD] [--gpio "
                       "FILE]");
  add_link_options(command, flags);
  command.add()("quiet-ms",
                number(&flags.quiet_ms)->within(1, kMaxSpanMs)->default_value(flags.quiet_ms),
                "silence after which the link counts as quiet (a resync follows when the MCU "
                "is heard again)")(
      "json",
      "one JSON line of the merged state per change (the default when stdout is not a terminal)")(
      "mesh-live", "the mesh subscription is live: end every sync with clear_unread");
  if (const auto done = command.parse(args)) return *done;
  bench::LogSink log_sink(std::cerr, command.log_level());
  const bench::Logger log(log_sink, "supv");
  const auto options = host_options(flags, log);
  const bool json = command.given("json") || ::isatty(STDOUT_FILENO) == 0;

  boost::asio::io_context io;
  bench::SupvHost host(io, options);
  std::string error;
  if (!host.open(error)) {
    log.error(error);
    return 1;
  }
  std::optional<bench::SupvLiveView> view;
  if (!json) {
    view.emplace(std::cout, flags.serial, terminal_width());
    // The client's lines belong in the view; the others too where they would tear it (stderr
    // on the same terminal).
    const bool stderr_on_terminal = ::isatty(STDERR_FILENO) != 0;
    log_sink.divert([&view, stderr_on_terminal](bench::LogLevel, std::string_view component,
                                                std::string_view message) {
      if (component == "supv") {
        view->note(std::string(message));
      } else if (stderr_on_terminal) {
        view->note("[" + std::string(component) + "] " + std::string(message));
      } else {
        return false;
      }
      return true;
    });
  }
  host.client().set_on_change([&](const supervisor::SupvState& state) {
    if (json) {
      std::cout << supervisor::to_json(state).dump() << std::endl;
    } else {
      view->draw(state);
    }
  });
  if (command.given("mesh-live")) host.client().set_mesh_subscribed(true);
  boost::asio::post(io, [&] { host.start(); });  // after the ready line: its changes follow it
  const nlohmann::ordered_json ready = {{"ready", true},
                                        {"serial", flags.serial},
                                        {"baud", flags.baud},
                                        {"output", json ? "json" : "live"}};
  serve_until_signal(io, ready.dump(), {});
  log_sink.divert({});
  return 0;
}

}  // namespace hil::cli
