// One open WebSocket connection on Boost.Beast, after its handshake: the server's accepted
// connections and the client's are both this. It reads whole messages and hands them to a
// core::WsEvents, queues what is sent and writes it one message at a time (Beast allows one write
// in flight), and reports on_close exactly once: the peer's close code and reason, 1005 for a close
// frame without a code, 1006 when the connection ended with no close frame (TCP lost, a protocol
// error, the closing handshake timed out).
#pragma once

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include "bench/log/logger.h"
#include "firmware_core/ports/websocket.h"

namespace hil::bench {

struct WsLimits {
  // Larger than the audio service's own limits (32000-byte binary, 4096-byte text frames), so that
  // it sees an oversized frame and says so; a message over this ends the connection (1009).
  std::size_t read_message_max = std::size_t{64} * 1024;
  // Outgoing bytes queued and not yet written; a send beyond it is refused (30 s of audio).
  std::size_t write_queue_max = std::size_t{1024} * 1024;
  // The opening and the closing handshakes must finish within this.
  std::chrono::seconds handshake_timeout{10};
};

class WsSession : public core::WsConnection, public std::enable_shared_from_this<WsSession> {
 public:
  using Stream = boost::beast::websocket::stream<boost::beast::tcp_stream>;

  // `events` hear of the connection as `face` (the client object a device knows; null: this
  // session). `events` must outlive the session or be detached first.
  WsSession(boost::beast::tcp_stream stream, core::WsEvents& events, core::WsConnection* face,
            WsLimits limits, Logger log, std::string peer);

  // The stream, for the handshake that comes before run().
  Stream& stream() { return ws_; }
  // The handshake is done: on_open, then messages until the close.
  void run();
  // Cuts the connection with no more events (their owner is going away).
  void detach();
  // on_close has been reported (or the session was detached).
  bool finished() const { return finished_; }
  const std::string& peer() const { return peer_; }

  bool send_text(std::string_view text) override;
  bool send_binary(std::string_view bytes) override;
  bool ping() override;
  void close(core::WsCloseCode code, std::string_view reason) override;

 private:
  enum class Op { kText, kBinary, kPing, kClose };
  struct Outgoing {
    Op op;
    std::string data;  // the message, or the close reason
    core::WsCloseCode code = 0;
  };

  bool enqueue(Op op, std::string_view data, core::WsCloseCode code = 0);
  void do_read();
  void on_read(const boost::system::error_code& ec);
  void do_write();
  void on_write(const boost::system::error_code& ec);
  void report_peer_close();
  void report_close(core::WsCloseCode code, std::string_view reason);
  void cut_socket();

  Stream ws_;
  core::WsEvents* events_;
  core::WsConnection& face_;
  WsLimits limits_;
  Logger log_;
  std::string peer_;
  boost::beast::flat_buffer buffer_;
  std::deque<Outgoing> queue_;
  std::size_t queued_bytes_ = 0;
  bool open_ = false;     // between run() and the close being asked for or reported
  bool writing_ = false;  // a write, ping or close is in flight
  bool closing_ = false;  // our close frame is out, the peer's answer awaited
  bool finished_ = false;
  bool overflow_logged_ = false;
  std::string write_error_;  // why a write failed, reported as the 1006's reason
};

}  // namespace hil::bench
