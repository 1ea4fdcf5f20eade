// A firmware image on a board emulated by QEMU, its console UART relayed to a PTY and its
// diagnostics UART to the log: the body of `hilbench qemu`.
#pragma once

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "bench/io/logged_child.h"
#include "bench/io/private_dir.h"
#include "bench/io/qemu_board.h"
#include "bench/io/serial_link.h"
#include "bench/log/logger.h"
#include "firmware_core/supervisor/line_framer.h"

namespace hil::bench {

struct QemuBoardProcessOptions {
  std::string qemu = kDefaultQemuProgram;
  QemuBoard board;
  std::string image;
  // From the start of QEMU to the first complete line on UART0 (the board's banner).
  std::chrono::milliseconds banner_timeout{10000};
  Logger log;  // QEMU's own events; UART1's lines go under "board", the PTY's under "serial"
  // Told, from the io_context, when QEMU ends after the banner without stop() (crashed, killed):
  // how it ended and what it said.
  std::function<void(const std::string& why)> on_qemu_exit;
};

class QemuBoardProcess {
 public:
  QemuBoardProcess(boost::asio::io_context& io, QemuBoardProcessOptions options);
  // Stops QEMU if it still runs.
  ~QemuBoardProcess();
  QemuBoardProcess(const QemuBoardProcess&) = delete;
  QemuBoardProcess& operator=(const QemuBoardProcess&) = delete;

  // Starts QEMU, connects to both UARTs (the guest then runs), opens the PTY and relays. False
  // with a reason, QEMU's own messages included, if any of it fails.
  [[nodiscard]] bool start(std::string& error);
  // Runs the io_context until UART0 has given its first complete line (the banner). False with a
  // reason if QEMU ends first, `interrupted()` holds, or the banner timeout passes.
  [[nodiscard]] bool wait_for_banner(const std::function<bool()>& interrupted, std::string& error);
  // The one "ready" line: the PTY, the board, the image, QEMU's PID and the banner.
  nlohmann::json ready_info() const;
  // SIGTERM to QEMU, SIGKILL if it has not ended after a few seconds.
  void stop();

 private:
  bool connect_uart(boost::asio::local::stream_protocol::socket& socket, const std::string& path,
                    std::string& error);
  void read_uart0();
  void read_uart1();
  void write_uart0();
  // What QEMU has written on its stdout and stderr, without its "waiting for connection" notes.
  std::string qemu_said() const;
  // "<what>; QEMU said: ..." (or only `what` when it said nothing).
  std::string with_qemu_output(const std::string& what) const;

  boost::asio::io_context& io_;
  QemuBoardProcessOptions options_;
  Logger board_log_;
  std::chrono::steady_clock::time_point deadline_;
  PrivateDir dir_;
  LoggedChild qemu_;
  boost::asio::local::stream_protocol::socket uart0_;
  boost::asio::local::stream_protocol::socket uart1_;
  std::unique_ptr<SerialLink> pty_;
  std::array<char, 4096> uart0_buffer_{};
  std::array<char, 1024> uart1_buffer_{};
  std::deque<std::string> to_uart0_;  // bytes from the PTY's peer, written in order
  supervisor::LineFramer banner_framer_;
  supervisor::LineFramer board_lines_;
  std::optional<std::string> banner_;
  std::optional<std::string> qemu_ended_;  // how, once QEMU has ended on its own
};

}  // namespace hil::bench
