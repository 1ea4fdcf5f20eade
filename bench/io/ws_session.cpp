// One open WebSocket connection on Boost.Beast: the read loop, the write queue and the close.
#include "bench/io/ws_session.h"

#include <boost/asio/buffer.hpp>
#include <utility>

namespace hil::bench {
namespace websocket = boost::beast::websocket;
using boost::system::error_code;

namespace {

// RFC 6455 7.4.1: a close frame without a status code is reported as 1005.
constexpr core::WsCloseCode kWsNoStatus = 1005;
// A close frame's reason fits in 123 bytes (a control frame's payload is 125 with the code).
constexpr std::size_t kMaxReasonBytes = 123;

// The longest prefix within the limit that does not split a UTF-8 sequence.
std::string_view clip_reason(std::string_view reason) {
  if (reason.size() <= kMaxReasonBytes) return reason;
  std::size_t size = kMaxReasonBytes;
  while (size > 0 && (static_cast<unsigned char>(reason[size]) & 0xC0) == 0x80) --size;
  return reason.substr(0, size);
}

}  // namespace

WsSession::WsSession(boost::beast::tcp_stream stream, core::WsEvents& events,
                     core::WsConnection* face, WsLimits limits, Logger log, std::string peer)
    : ws_(std::move(stream)),
      events_(&events),
      face_(face != nullptr ? *face : *this),
      limits_(limits),
      log_(std::move(log)),
      peer_(std::move(peer)) {
  // The websocket stream keeps its own timers from here on.
  boost::beast::get_lowest_layer(ws_).expires_never();
  ws_.set_option(websocket::stream_base::timeout{limits_.handshake_timeout,
                                                 websocket::stream_base::none(), false});
  ws_.read_message_max(limits_.read_message_max);
  // One message, one frame: the protocol's binary frames are whole blocks of PCM.
  ws_.auto_fragment(false);
}

void WsSession::run() {
  open_ = true;
  ws_.control_callback([this](websocket::frame_type kind, boost::beast::string_view) {
    if (kind == websocket::frame_type::pong && events_ != nullptr) events_->on_pong(face_);
  });
  if (events_ != nullptr) events_->on_open(face_);
  if (!finished_) do_read();
}

void WsSession::detach() {
  events_ = nullptr;
  finished_ = true;
  open_ = false;
  cut_socket();
}

bool WsSession::send_text(std::string_view text) { return enqueue(Op::kText, text); }

bool WsSession::send_binary(std::string_view bytes) { return enqueue(Op::kBinary, bytes); }

bool WsSession::ping() { return enqueue(Op::kPing, {}); }

void WsSession::close(core::WsCloseCode code, std::string_view reason) {
  if (!open_) return;
  enqueue(Op::kClose, clip_reason(reason), code);
  open_ = false;
}

bool WsSession::enqueue(Op op, std::string_view data, core::WsCloseCode code) {
  if (!open_) return false;
  if (op != Op::kClose && queued_bytes_ + data.size() > limits_.write_queue_max) {
    if (!overflow_logged_) {
      log_.warning(peer_ + ": the peer reads too slowly: messages are dropped while " +
                   std::to_string(queued_bytes_) + " bytes wait to be written");
    }
    overflow_logged_ = true;
    return false;
  }
  queue_.push_back(Outgoing{op, std::string(data), code});
  queued_bytes_ += data.size();
  if (!writing_) do_write();
  return true;
}

void WsSession::do_read() {
  ws_.async_read(buffer_, [self = shared_from_this()](const error_code& ec, std::size_t) {
    self->on_read(ec);
  });
}

void WsSession::on_read(const error_code& ec) {
  if (finished_) return;
  if (ec) {
    // Our close is in flight: its completion reports the peer's answer (or its absence).
    if (closing_) return;
    if (ec == websocket::error::closed || ws_.reason().code != websocket::close_code::none) {
      report_peer_close();
      return;
    }
    const std::string why = write_error_.empty() ? ec.message() : write_error_;
    log_.info(peer_ + ": connection lost: " + why);
    report_close(core::kWsAbnormalClosure, why);
    return;
  }
  const auto data = buffer_.cdata();
  const std::string_view message(static_cast<const char*>(data.data()), data.size());
  if (events_ != nullptr) {
    if (ws_.got_text()) {
      events_->on_text(face_, message);
    } else {
      events_->on_binary(face_, message);
    }
  }
  buffer_.consume(buffer_.size());
  if (!finished_) do_read();
}

void WsSession::do_write() {
  writing_ = true;
  Outgoing& next = queue_.front();
  auto done = [self = shared_from_this()](const error_code& ec, std::size_t = 0) {
    self->on_write(ec);
  };
  switch (next.op) {
    case Op::kText:
    case Op::kBinary:
      ws_.text(next.op == Op::kText);
      ws_.async_write(boost::asio::buffer(next.data), done);
      break;
    case Op::kPing:
      ws_.async_ping({}, done);
      break;
    case Op::kClose:
      closing_ = true;
      ws_.async_close(
          websocket::close_reason(static_cast<websocket::close_code>(next.code), next.data), done);
      break;
  }
}

void WsSession::on_write(const error_code& ec) {
  writing_ = false;
  queued_bytes_ -= queue_.front().data.size();
  const Op op = queue_.front().op;
  queue_.pop_front();
  if (finished_) {
    queue_.clear();
    return;
  }
  if (op == Op::kClose) {
    closing_ = false;
    if (!ec) return report_peer_close();
    log_.info(peer_ + ": closing handshake: " + ec.message());
    return report_close(core::kWsAbnormalClosure, "closing handshake: " + ec.message());
  }
  if (ec) {
    write_error_ = "write failed: " + ec.message();
    cut_socket();  // the read fails next and reports the close
    return;
  }
  if (queue_.empty()) {
    overflow_logged_ = false;
    return;
  }
  do_write();
}

void WsSession::report_peer_close() {
  const websocket::close_reason& reason = ws_.reason();
  const core::WsCloseCode code =
      reason.code == websocket::close_code::none ? kWsNoStatus : reason.code;
  report_close(code, std::string_view(reason.reason.data(), reason.reason.size()));
}

void WsSession::report_close(core::WsCloseCode code, std::string_view reason) {
  finished_ = true;
  open_ = false;
  core::WsEvents* events = events_;
  events_ = nullptr;
  if (events != nullptr) events->on_close(face_, code, reason);
  cut_socket();
}

void WsSession::cut_socket() {
  error_code ignored;
  boost::beast::get_lowest_layer(ws_).socket().close(ignored);
}

}  // namespace hil::bench
