// A WebSocket server on Boost.Beast, in the shape of Beast's async server example: it listens on
// HOST:PORT, reads each HTTP request, and upgrades those whose path has a route; every accepted
// connection is a core::WsConnection given to its route's core::WsEvents (ws_session.h says what
// they are told). An unknown path gets 404 and a request that is no upgrade 426, each with a log
// line. Everything runs on the caller's io_context; no threads.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bench/io/ws_session.h"
#include "bench/log/logger.h"
#include "firmware_core/ports/websocket.h"

namespace hil::bench {

struct WsServerOptions {
  std::string host = "127.0.0.1";  // a numeric address
  std::uint16_t port = 8765;       // 0: a free port, port() says which
  WsLimits limits;
  // The HTTP request must arrive within this (one that never does holds nothing for long).
  std::chrono::seconds request_timeout{10};
  Logger log;
};

class WsServer {
 public:
  WsServer(boost::asio::io_context& io, WsServerOptions options);
  // Cuts every connection with no more events.
  ~WsServer();
  WsServer(const WsServer&) = delete;
  WsServer& operator=(const WsServer&) = delete;

  // Connections to `path` ("/ws") go to `events`, which must outlive the server.
  void route(const std::string& path, core::WsEvents& events);
  // Binds and listens; false and why when the address cannot be had.
  bool start(std::string& error);
  std::uint16_t port() const { return port_; }
  // Stops accepting and closes every open connection with 1001 "Server shutting down".
  void stop();
  // Connections upgraded and not yet closed.
  std::size_t open_connections() const;

 private:
  class Request;

  void do_accept();
  void adopt(const std::shared_ptr<WsSession>& session);

  WsServerOptions options_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::map<std::string, core::WsEvents*> routes_;
  std::vector<std::weak_ptr<WsSession>> sessions_;
  // Handlers hold a weak copy so that a completion queued after destruction does nothing.
  std::shared_ptr<char> alive_ = std::make_shared<char>();
};

}  // namespace hil::bench
