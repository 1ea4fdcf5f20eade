// The WebSocket port: one connection's sending half, the dialing of a client, and the events a
// connection reports. Transports (Boost.Beast, the in-memory pair of the tests) frame the messages
// and call the events with whole messages; nothing here parses them.
#pragma once

#include <cstdint>
#include <string_view>

namespace hil::core {

// Close codes of RFC 6455 section 7.4.1 that the core sends or acts on.
using WsCloseCode = std::uint16_t;
inline constexpr WsCloseCode kWsNormalClosure = 1000;
inline constexpr WsCloseCode kWsGoingAway = 1001;
// Never sent on the wire: a transport reports it when the connection was lost or never opened.
inline constexpr WsCloseCode kWsAbnormalClosure = 1006;
inline constexpr WsCloseCode kWsInternalError = 1011;
inline constexpr WsCloseCode kWsTryAgainLater = 1013;

// The sending half of one open connection.
class WsConnection {
 public:
  virtual ~WsConnection() = default;
  // Each returns false, dropping the message, when the connection is not open.
  virtual bool send_text(std::string_view text) = 0;
  virtual bool send_binary(std::string_view bytes) = 0;
  // The peer's pong arrives as WsEvents::on_pong.
  virtual bool ping() = 0;
  // Starts the closing handshake; on_close follows (also when the peer never answers).
  virtual void close(WsCloseCode code, std::string_view reason) = 0;
};

// A client's connection: dials a URL, then sends as any connection does.
class WsClient : public WsConnection {
 public:
  // Opens a connection to `url` (ws://host:port/path): on_open when it is up, or
  // on_close(kWsAbnormalClosure, why) when it could not be made.
  virtual void connect(std::string_view url) = 0;
};

// What a connection reports, in this order: on_open once, then messages and pongs, then on_close
// once. `connection` names the connection (a server has several); it stays valid until on_close
// returns.
class WsEvents {
 public:
  virtual ~WsEvents() = default;
  virtual void on_open(WsConnection& connection) = 0;
  virtual void on_text(WsConnection& connection, std::string_view text) = 0;
  virtual void on_binary(WsConnection& connection, std::string_view bytes) = 0;
  virtual void on_pong(WsConnection& connection) = 0;
  virtual void on_close(WsConnection& connection, WsCloseCode code, std::string_view reason) = 0;
};

}  // namespace hil::core
