// A byte stream over a serial port: a real tty (reopened when it comes back) or a PTY we create.
#pragma once

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/serial_port.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "bench/io/pty.h"
#include "bench/log/logger.h"

namespace hil::bench {

class SerialLink {
 public:
  using BytesHandler = std::function<void(std::string_view bytes)>;
  static constexpr unsigned kDefaultBaud = 115200;

  // Opens a tty at `baud`, 8N1, no flow control. If it later fails (unplugged), the link logs it
  // and tries to open the same path again every 500 ms. Returns nullptr and `error` on failure.
  static std::unique_ptr<SerialLink> open_tty(boost::asio::io_context& io, const std::string& path,
                                              unsigned baud, std::string& error, Logger log = {});
  // Creates a raw PTY; the other side opens path().
  static std::unique_ptr<SerialLink> open_pty(boost::asio::io_context& io, std::string& error,
                                              Logger log = {});
  ~SerialLink();
  SerialLink(const SerialLink&) = delete;
  SerialLink& operator=(const SerialLink&) = delete;

  // Receives each chunk as it is read; reading starts when the link is created.
  void set_on_bytes(BytesHandler fn) { on_bytes_ = std::move(fn); }
  // Told when the tty goes away (false) and when it has been reopened (true), so a protocol can
  // re-synchronize. On a PTY: false when the peer that wrote to it closes it, true at once after,
  // when the link waits for the next peer.
  void set_on_open_changed(std::function<void(bool open)> fn) { on_open_changed_ = std::move(fn); }
  // Queues bytes to be written after those already queued. Returns false, dropping them, while
  // the tty is gone.
  [[nodiscard]] bool write(std::string bytes);
  // For a device's own output: as on a wire, bytes sent while no one is on the line are lost.
  void write_or_drop(std::string bytes) {
    if (!write(std::move(bytes))) ++dropped_writes_;
  }
  std::uint64_t dropped_writes() const { return dropped_writes_; }
  // The tty path, or the PTY slave path for clients to open.
  const std::string& path() const { return path_; }
  bool is_open() const { return port_.is_open(); }

 private:
  SerialLink(boost::asio::io_context& io, std::string path, unsigned baud, Logger log);

  [[nodiscard]] bool open_tty_port(std::string& error);
  void start_read();
  void start_write();
  void fail(const std::string& what, const boost::system::error_code& ec);
  // A PTY's peer closed its end: the link holds the slave again and serves the next peer.
  void peer_left(const boost::system::error_code& ec);
  void try_reopen();

  std::uint64_t dropped_writes_ = 0;
  boost::asio::serial_port port_;
  std::unique_ptr<Pty> pty_;  // set for a PTY link
  std::string path_;
  unsigned baud_;
  Logger log_;
  unsigned generation_ = 0;  // bumped on every close, so stale completions are ignored
  std::array<char, 4096> read_buffer_{};
  std::deque<std::string> writes_;
  bool writing_ = false;
  boost::asio::steady_timer reopen_timer_;
  BytesHandler on_bytes_;
  std::function<void(bool open)> on_open_changed_;
  // Handlers hold a weak copy so that a completion queued after destruction does nothing.
  std::shared_ptr<char> alive_ = std::make_shared<char>();
};

}  // namespace hil::bench
