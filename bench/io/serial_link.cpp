// A byte stream over a serial port: a real tty (reopened when it comes back) or a PTY we create.
#include "bench/io/serial_link.h"

#include <unistd.h>

#include <boost/asio/error.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <utility>

namespace hil::bench {
namespace {

constexpr std::chrono::milliseconds kReopenInterval{500};

}  // namespace

std::unique_ptr<SerialLink> SerialLink::open_tty(boost::asio::io_context& io,
                                                 const std::string& path, unsigned baud,
                                                 std::string& error, Logger log) {
  std::unique_ptr<SerialLink> link(new SerialLink(io, path, baud, std::move(log)));
  if (!link->open_tty_port(error)) return nullptr;
  link->start_read();
  return link;
}

std::unique_ptr<SerialLink> SerialLink::open_pty(boost::asio::io_context& io, std::string& error,
                                                 Logger log) {
  std::unique_ptr<Pty> pty = Pty::open(error);
  if (!pty) return nullptr;
  std::unique_ptr<SerialLink> link(
      new SerialLink(io, pty->slave_path(), kDefaultBaud, std::move(log)));
  // The port gets its own descriptor so that closing it leaves the Pty's master intact.
  const int fd = ::dup(pty->master_fd());
  boost::system::error_code ec;
  if (fd < 0) {
    error = std::string("cannot duplicate the PTY master: ") + std::strerror(errno);
    return nullptr;
  }
  link->port_.assign(fd, ec);
  if (ec) {
    ::close(fd);
    error = "cannot watch the PTY master: " + ec.message();
    return nullptr;
  }
  link->pty_ = std::move(pty);
  link->start_read();
  return link;
}

SerialLink::SerialLink(boost::asio::io_context& io, std::string path, unsigned baud, Logger log)
    : port_(io), path_(std::move(path)), baud_(baud), log_(std::move(log)), reopen_timer_(io) {}

SerialLink::~SerialLink() = default;

bool SerialLink::write(std::string bytes) {
  if (!port_.is_open()) return false;
  writes_.push_back(std::move(bytes));
  if (!writing_) start_write();
  return true;
}

bool SerialLink::open_tty_port(std::string& error) {
  using boost::asio::serial_port_base;
  boost::system::error_code ec;
  port_.open(path_, ec);
  if (ec) {
    error = "cannot open " + path_ + ": " + ec.message();
    return false;
  }
  port_.set_option(serial_port_base::baud_rate(baud_), ec);
  if (!ec) port_.set_option(serial_port_base::character_size(8), ec);
  if (!ec) port_.set_option(serial_port_base::parity(serial_port_base::parity::none), ec);
  if (!ec) port_.set_option(serial_port_base::stop_bits(serial_port_base::stop_bits::one), ec);
  if (!ec) {
    port_.set_option(serial_port_base::flow_control(serial_port_base::flow_control::none), ec);
  }
  if (ec) {
    error = "cannot configure " + path_ + ": " + ec.message();
    port_.close(ec);
    return false;
  }
  return true;
}

void SerialLink::start_read() {
  port_.async_read_some(boost::asio::buffer(read_buffer_),
                        [this, alive = std::weak_ptr<char>(alive_), generation = generation_](
                            const boost::system::error_code& ec, std::size_t size) {
                          if (alive.expired() || generation != generation_) return;
                          if (ec) {
                            fail("read failed", ec);
                            return;
                          }
                          // A peer is there: from now on its closing is heard (Pty.h).
                          if (pty_ && pty_->holds_slave()) pty_->release_slave();
                          if (on_bytes_) on_bytes_(std::string_view(read_buffer_.data(), size));
                          // The handler may have closed the port.
                          if (generation == generation_) start_read();
                        });
}

void SerialLink::start_write() {
  writing_ = true;
  boost::asio::async_write(port_, boost::asio::buffer(writes_.front()),
                           [this, alive = std::weak_ptr<char>(alive_), generation = generation_](
                               const boost::system::error_code& ec, std::size_t /*size*/) {
                             if (alive.expired() || generation != generation_) return;
                             writing_ = false;
                             if (ec) {
                               fail("write failed", ec);
                               return;
                             }
                             writes_.pop_front();
                             if (!writes_.empty()) start_write();
                           });
}

void SerialLink::fail(const std::string& what, const boost::system::error_code& ec) {
  // The master of a PTY no one has open reads EIO (or the end of the stream).
  if (pty_ && (ec == boost::system::errc::io_error || ec == boost::asio::error::eof)) {
    peer_left(ec);
    return;
  }
  ++generation_;
  boost::system::error_code ignored;
  port_.close(ignored);
  writing_ = false;
  writes_.clear();
  if (pty_) {
    log_.warning(path_ + ": " + what + ": " + ec.message() + "; the PTY is closed");
  } else {
    log_.warning(path_ + ": " + what + ": " + ec.message() + "; reopening every " +
                 std::to_string(kReopenInterval.count()) + " ms");
    try_reopen();
  }
  if (on_open_changed_) on_open_changed_(false);
}

void SerialLink::peer_left(const boost::system::error_code& ec) {
  ++generation_;
  boost::system::error_code ignored;
  port_.cancel(ignored);
  writing_ = false;
  writes_.clear();  // no one was there to read them: lost, as on a wire
  std::string error;
  if (!pty_->hold_slave(error)) {
    port_.close(ignored);
    log_.error(path_ + ": the peer closed it and " + error + "; the PTY is closed");
    if (on_open_changed_) on_open_changed_(false);
    return;
  }
  log_.warning(path_ + ": the peer closed it (" + ec.message() + "); waiting for the next one");
  if (on_open_changed_) on_open_changed_(false);
  start_read();
  if (on_open_changed_) on_open_changed_(true);
}

void SerialLink::try_reopen() {
  // Timed, for want of an event: nothing here hears a tty come back (udev could say; unwatched).
  reopen_timer_.expires_after(kReopenInterval);
  reopen_timer_.async_wait(
      [this, alive = std::weak_ptr<char>(alive_)](const boost::system::error_code& ec) {
        if (alive.expired() || ec) return;
        std::string error;
        if (!open_tty_port(error)) {
          try_reopen();
          return;
        }
        log_.info(path_ + ": reopened");
        start_read();
        if (on_open_changed_) on_open_changed_(true);
      });
}

}  // namespace hil::bench
