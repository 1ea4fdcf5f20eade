// A firmware image on a board emulated by QEMU, its UARTs relayed to a PTY and to the log.
#include "bench/rigs/qemu_board_process.h"

#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/write.hpp>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <utility>

#include "bench/io/run_until.h"
#include "firmware_core/common/text.h"

namespace hil::bench {
namespace {

constexpr std::chrono::seconds kStopGrace{3};
// What QEMU logs once a server socket listens and it waits for us (QEMU 2.x to 9.x say so).
constexpr const char* kWaitingNote = "QEMU waiting for connection on: disconnected:unix:";

std::string seconds_text(std::chrono::milliseconds span) {
  std::ostringstream text;
  text << static_cast<double>(span.count()) / 1000.0 << " s";
  return text.str();
}

// Why `path` cannot be an image ("" when it is a readable file).
std::string image_problem(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || ::access(path.c_str(), R_OK) != 0)
    return "cannot read the image '" + path + "': " + std::strerror(errno);
  if (!S_ISREG(info.st_mode)) return "the image '" + path + "' is not a file";
  return "";
}

}  // namespace

QemuBoardProcess::QemuBoardProcess(boost::asio::io_context& io, QemuBoardProcessOptions options)
    : io_(io),
      options_(std::move(options)),
      board_log_(options_.log.at("board")),
      dir_("hilbench-qemu"),
      qemu_(dir_.file("qemu.log")),
      uart0_(io),
      uart1_(io) {}

QemuBoardProcess::~QemuBoardProcess() { stop(); }

bool QemuBoardProcess::start(std::string& error) {
  deadline_ = std::chrono::steady_clock::now() + options_.banner_timeout;
  if (dir_.path().empty()) {
    error =
        std::string("cannot create a private folder for QEMU's sockets: ") + std::strerror(errno);
    return false;
  }
  error = image_problem(options_.image);
  if (!error.empty()) return false;
  if (::access(options_.qemu.c_str(), X_OK) != 0) {
    error = "cannot run QEMU '" + options_.qemu + "': " + std::strerror(errno) +
            " (Debian's package is qemu-system-arm)";
    return false;
  }
  const std::string uart0_path = dir_.file("uart0.sock");
  const std::string uart1_path = dir_.file("uart1.sock");
  if (!qemu_.spawn(
          qemu_command_line(options_.qemu, options_.board, options_.image, uart0_path, uart1_path),
          error))
    return false;
  options_.log.info("QEMU (pid " + std::to_string(qemu_.pid()) + ") runs " + options_.image +
                    " on " + options_.board.name);
  // QEMU listens on UART0's socket, waits for us, then does the same for UART1's.
  if (!connect_uart(uart0_, uart0_path, error) || !connect_uart(uart1_, uart1_path, error))
    return false;
  pty_ = SerialLink::open_pty(io_, error, options_.log.at("serial"));
  if (!pty_) return false;
  pty_->set_on_bytes([this](std::string_view bytes) {
    to_uart0_.emplace_back(bytes);
    if (to_uart0_.size() == 1) write_uart0();
  });
  qemu_.watch_exit(io_, [this](const std::string& how) {
    qemu_ended_ = how;
    if (banner_ && options_.on_qemu_exit) options_.on_qemu_exit(with_qemu_output("QEMU " + how));
  });
  read_uart0();
  read_uart1();
  return true;
}

bool QemuBoardProcess::connect_uart(boost::asio::local::stream_protocol::socket& socket,
                                    const std::string& path, std::string& error) {
  std::string why;
  switch (qemu_.wait_for_log(kWaitingNote + path, deadline_, why)) {
    case LoggedChild::LogWait::kFound:
      break;
    case LoggedChild::LogWait::kEnded:
      error = with_qemu_output("QEMU " + why + " before the board ran");
      return false;
    case LoggedChild::LogWait::kTimedOut:
      error = with_qemu_output("QEMU did not listen on " + path + " within " +
                               seconds_text(options_.banner_timeout));
      return false;
    case LoggedChild::LogWait::kCannotWatch:
      error = why;
      return false;
  }
  boost::system::error_code ec;
  socket.connect(boost::asio::local::stream_protocol::endpoint(path), ec);
  if (ec) {
    error = with_qemu_output("cannot connect to QEMU's UART at " + path + ": " + ec.message());
    return false;
  }
  return true;
}

bool QemuBoardProcess::wait_for_banner(const std::function<bool()>& interrupted,
                                       std::string& error) {
  run_until(
      io_, [&] { return banner_ || qemu_ended_ || interrupted(); }, deadline_);
  if (banner_) return true;
  if (qemu_ended_) {
    error = with_qemu_output("QEMU " + *qemu_ended_ + " before the board printed a line on UART0");
  } else if (interrupted()) {
    error = "interrupted before the board printed a line on UART0";
  } else {
    error = with_qemu_output("the board printed no complete line on UART0 within " +
                             seconds_text(options_.banner_timeout) + " (--banner-timeout-s)");
  }
  return false;
}

nlohmann::json QemuBoardProcess::ready_info() const {
  return {{"ready", true},
          {"serial", pty_->path()},
          {"board", options_.board.name},
          {"image", options_.image},
          {"qemu_pid", qemu_.pid()},
          {"hilbench_pid", ::getpid()},
          {"banner", banner_.value_or("")}};
}

void QemuBoardProcess::stop() {
  boost::system::error_code ignored;
  uart0_.close(ignored);
  uart1_.close(ignored);
  if (!qemu_.running()) return;
  qemu_.stop(kStopGrace);
  options_.log.info("QEMU stopped");
}

void QemuBoardProcess::read_uart0() {
  uart0_.async_read_some(boost::asio::buffer(uart0_buffer_),
                         [this](const boost::system::error_code& ec, std::size_t size) {
                           if (ec) {
                             if (ec != boost::asio::error::operation_aborted)
                               options_.log.debug("UART0 closed: " + ec.message());
                             return;
                           }
                           const std::string_view bytes(uart0_buffer_.data(), size);
                           if (!banner_) {
                             banner_framer_.feed(bytes, [this](std::string_view line) {
                               if (!banner_) banner_ = std::string(line);
                             });
                           }
                           pty_->write_or_drop(std::string(bytes));
                           read_uart0();
                         });
}

void QemuBoardProcess::read_uart1() {
  uart1_.async_read_some(boost::asio::buffer(uart1_buffer_),
                         [this](const boost::system::error_code& ec, std::size_t size) {
                           if (ec) return;  // QEMU ended or we stopped: the exit watch tells
                           board_lines_.feed(std::string_view(uart1_buffer_.data(), size),
                                             [this](std::string_view line) {
                                               board_log_.info(core::printable(line));
                                             });
                           read_uart1();
                         });
}

void QemuBoardProcess::write_uart0() {
  boost::asio::async_write(uart0_, boost::asio::buffer(to_uart0_.front()),
                           [this](const boost::system::error_code& ec, std::size_t) {
                             if (ec) {
                               to_uart0_.clear();
                               if (ec != boost::asio::error::operation_aborted)
                                 options_.log.warning("cannot write to UART0: " + ec.message());
                               return;
                             }
                             to_uart0_.pop_front();
                             if (!to_uart0_.empty()) write_uart0();
                           });
}

std::string QemuBoardProcess::qemu_said() const {
  std::istringstream lines(qemu_.log());
  std::string said;
  for (std::string line; std::getline(lines, line);) {
    if (line.find(kWaitingNote) == std::string::npos && !line.empty()) said += line + '\n';
  }
  if (!said.empty()) said.pop_back();
  return said;
}

std::string QemuBoardProcess::with_qemu_output(const std::string& what) const {
  const std::string said = qemu_said();
  return said.empty() ? what : what + "; QEMU said: " + said;
}

}  // namespace hil::bench
