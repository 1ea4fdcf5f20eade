// `hilbench qemu IMAGE [--board B] [--qemu PATH] [--banner-timeout-s N]`: a firmware image on a
// board emulated by qemu-system-arm, its console UART on a PTY, until SIGINT/SIGTERM.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <iostream>

#include "bench/cli/commands.h"
#include "bench/cli/parse_options.h"
#include "bench/cli/run_until_signal.h"
#include "bench/io/logged_child.h"
#include "bench/rigs/qemu_board_process.h"

namespace hil::cli {

int qemu_command(const std::vector<std::string>& args) {
  std::string image, board_name, qemu;
  double banner_timeout_s = 10;
  CommandFlags flags("qemu",
                     "hilbench qemu IMAGE [--board mps2-an385] [--qemu PATH] "
                     "[--banner-timeout-s N]");
  flags.add()("image", text(&image)->not_empty(), "the firmware image (ELF) to run")(
      "board", text(&board_name)->default_value(bench::kDefaultQemuBoard),
      ("the emulated board; known: " + bench::known_qemu_boards()).c_str())(
      "qemu", text(&qemu)->not_empty(),
      "the qemu-system-arm to run (default: Debian's, else the one on PATH)")(
      "banner-timeout-s", number(&banner_timeout_s)->above(0)->at_most(3600)->default_value(10),
      "seconds from QEMU's start to the board's first line on UART0 (its banner)");
  flags.take_words("image", 1);
  if (const auto done = flags.parse(args)) return *done;
  if (image.empty()) return flags.refuse("give the firmware image to run");
  const bench::QemuBoard* board = bench::find_qemu_board(board_name);
  if (board == nullptr) {
    return flags.refuse("unknown board '" + board_name + "' (known: " + bench::known_qemu_boards() +
                        ")");
  }
  bench::LogSink log_sink(std::cerr, flags.log_level());
  const bench::Logger log(log_sink, "qemu");

  boost::asio::io_context io;
  auto guard = boost::asio::make_work_guard(io);
  bool interrupted = false;  // a signal before the ready line (this set stays: no gap)
  boost::asio::signal_set early_signals(io, SIGINT, SIGTERM);
  early_signals.async_wait([&](const boost::system::error_code& ec, int) { interrupted = !ec; });
  int exit_code = 0;
  bench::QemuBoardProcessOptions options;
  options.qemu = bench::find_server_program(qemu, bench::kDefaultQemuProgram);
  options.board = *board;
  options.image = image;
  options.banner_timeout = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::duration<double>(banner_timeout_s));
  options.log = log;
  options.on_qemu_exit = [&](const std::string& why) {
    log.error(why);
    exit_code = 1;
    io.stop();
  };
  bench::QemuBoardProcess board_process(io, options);
  std::string error;
  if (!board_process.start(error) ||
      !board_process.wait_for_banner([&] { return interrupted; }, error)) {
    log.error(error);
    return 1;
  }
  serve_until_signal(io, board_process.ready_info().dump(), [&] {
    guard.reset();
    board_process.stop();
  });
  return exit_code;
}

}  // namespace hil::cli
