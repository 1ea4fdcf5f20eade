// Reporting taps on in-process WebSocket traffic.
#include "bench/scenario/families/audio/ws_tap.h"

namespace hil::scenario {

TappedWsClient::TappedWsClient(core::Scheduler& scheduler, const sim::MemoryWsNetwork& network,
                               WsTapHooks hooks)
    : hooks_(std::move(hooks)), inner_(scheduler, network, *this) {}

bool TappedWsClient::send_text(std::string_view text) {
  if (!inner_.send_text(text)) return false;
  hooks_.text(true, text);
  return true;
}

bool TappedWsClient::send_binary(std::string_view bytes) {
  if (!inner_.send_binary(bytes)) return false;
  hooks_.binary(true, bytes);
  return true;
}

void TappedWsClient::close(core::WsCloseCode code, std::string_view reason) {
  if (inner_.open()) hooks_.close(true, code, reason);
  inner_.close(code, reason);
}

void TappedWsClient::on_open(core::WsConnection&) { events_->on_open(*this); }

void TappedWsClient::on_text(core::WsConnection&, std::string_view text) {
  hooks_.text(false, text);
  events_->on_text(*this, text);
}

void TappedWsClient::on_binary(core::WsConnection&, std::string_view bytes) {
  hooks_.binary(false, bytes);
  events_->on_binary(*this, bytes);
}

void TappedWsClient::on_pong(core::WsConnection&) { events_->on_pong(*this); }

void TappedWsClient::on_close(core::WsConnection&, core::WsCloseCode code,
                              std::string_view reason) {
  hooks_.close(false, code, reason);
  events_->on_close(*this, code, reason);
}

// One connection of the server, as the server sees it: its sends are reported.
class TappedWsEvents::Connection final : public core::WsConnection {
 public:
  Connection(core::WsConnection& inner, const WsTapHooks& hooks) : inner_(inner), hooks_(hooks) {}
  bool send_text(std::string_view text) override {
    if (!inner_.send_text(text)) return false;
    hooks_.text(true, text);
    return true;
  }
  bool send_binary(std::string_view bytes) override {
    if (!inner_.send_binary(bytes)) return false;
    hooks_.binary(true, bytes);
    return true;
  }
  bool ping() override { return inner_.ping(); }
  void close(core::WsCloseCode code, std::string_view reason) override {
    hooks_.close(true, code, reason);
    inner_.close(code, reason);
  }

 private:
  core::WsConnection& inner_;
  const WsTapHooks& hooks_;
};

TappedWsEvents::TappedWsEvents(core::WsEvents& events, WsTapHooks hooks)
    : events_(events), hooks_(std::move(hooks)) {}

TappedWsEvents::~TappedWsEvents() = default;

TappedWsEvents::Connection& TappedWsEvents::wrapped(core::WsConnection& connection) {
  auto& entry = connections_[&connection];
  if (!entry) entry = std::make_unique<Connection>(connection, hooks_);
  return *entry;
}

void TappedWsEvents::on_open(core::WsConnection& connection) {
  events_.on_open(wrapped(connection));
}

void TappedWsEvents::on_text(core::WsConnection& connection, std::string_view text) {
  hooks_.text(false, text);
  events_.on_text(wrapped(connection), text);
}

void TappedWsEvents::on_binary(core::WsConnection& connection, std::string_view bytes) {
  hooks_.binary(false, bytes);
  events_.on_binary(wrapped(connection), bytes);
}

void TappedWsEvents::on_pong(core::WsConnection& connection) {
  events_.on_pong(wrapped(connection));
}

void TappedWsEvents::on_close(core::WsConnection& connection, core::WsCloseCode code,
                              std::string_view reason) {
  events_.on_close(wrapped(connection), code, reason);
  connections_.erase(&connection);  // on_close is a connection's last event
}

}  // namespace hil::scenario
