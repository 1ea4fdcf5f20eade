// Taps on in-process WebSocket connections, so a scenario sees the frames the audio devices
// exchange: a client whose sends and events are reported on their way through, and a server's
// events whose connections report what the server sends on them.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string_view>

#include "firmware_core/ports/websocket.h"
#include "sim/audio/memory_websocket.h"

namespace hil::scenario {

// What crossed a tapped connection; `sent`: by the tapped side.
struct WsTapHooks {
  std::function<void(bool sent, std::string_view text)> text;
  std::function<void(bool sent, std::string_view bytes)> binary;
  std::function<void(bool sent, core::WsCloseCode code, std::string_view reason)> close;
};

// A client on the in-process network whose traffic is reported, then passed on.
class TappedWsClient final : public core::WsClient, private core::WsEvents {
 public:
  TappedWsClient(core::Scheduler& scheduler, const sim::MemoryWsNetwork& network, WsTapHooks hooks);
  // Who gets the client's events (the firmware); set before connect().
  void set_events(core::WsEvents& events) { events_ = &events; }
  sim::MemoryWsClient& inner() { return inner_; }

  void connect(std::string_view url) override { inner_.connect(url); }
  bool send_text(std::string_view text) override;
  bool send_binary(std::string_view bytes) override;
  bool ping() override { return inner_.ping(); }
  void close(core::WsCloseCode code, std::string_view reason) override;

 private:
  void on_open(core::WsConnection&) override;
  void on_text(core::WsConnection&, std::string_view text) override;
  void on_binary(core::WsConnection&, std::string_view bytes) override;
  void on_pong(core::WsConnection&) override;
  void on_close(core::WsConnection&, core::WsCloseCode code, std::string_view reason) override;

  WsTapHooks hooks_;
  core::WsEvents* events_ = nullptr;
  sim::MemoryWsClient inner_;
};

// A server's events (the service's), each connection wrapped so what the server sends on it is
// reported too.
class TappedWsEvents final : public core::WsEvents {
 public:
  TappedWsEvents(core::WsEvents& events, WsTapHooks hooks);
  ~TappedWsEvents() override;

  void on_open(core::WsConnection& connection) override;
  void on_text(core::WsConnection& connection, std::string_view text) override;
  void on_binary(core::WsConnection& connection, std::string_view bytes) override;
  void on_pong(core::WsConnection& connection) override;
  void on_close(core::WsConnection& connection, core::WsCloseCode code,
                std::string_view reason) override;

 private:
  class Connection;
  Connection& wrapped(core::WsConnection& connection);

  core::WsEvents& events_;
  WsTapHooks hooks_;
  std::map<core::WsConnection*, std::unique_ptr<Connection>> connections_;
};

}  // namespace hil::scenario
