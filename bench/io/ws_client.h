// The WebSocket client on Boost.Beast (the shape of Beast's async client example): it resolves and
// connects to ws://host:port/path, shakes hands and then sends and reads as any connection does
// (ws_session.h). A connection that cannot be made is reported as on_close(1006, why). Everything
// runs on the caller's io_context; many clients share one.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "bench/io/ws_session.h"
#include "bench/log/logger.h"
#include "firmware_core/ports/websocket.h"

namespace hil::bench {

struct WsClientOptions {
  WsLimits limits;
  Logger log;
};

class WsClient : public core::WsClient {
 public:
  // `events` hear of the connection as this client; they must outlive it.
  WsClient(boost::asio::io_context& io, core::WsEvents& events, WsClientOptions options = {});
  // Cuts the connection (or the attempt) with no more events.
  ~WsClient() override;
  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  // A connection or attempt still under way is cut first, with no more events from it.
  void connect(std::string_view url) override;
  bool send_text(std::string_view text) override;
  bool send_binary(std::string_view bytes) override;
  bool ping() override;
  // While connecting, the attempt is abandoned: on_close(1006).
  void close(core::WsCloseCode code, std::string_view reason) override;

  bool open() const { return session_ && !session_->finished(); }

 private:
  struct Attempt;

  void fail(const std::shared_ptr<Attempt>& attempt, const std::string& why);
  void abandon();

  boost::asio::io_context& io_;
  core::WsEvents& events_;
  WsClientOptions options_;
  std::shared_ptr<Attempt> attempt_;  // the connection being made
  std::shared_ptr<WsSession> session_;
  // Handlers hold a weak copy so that a completion queued after destruction does nothing.
  std::shared_ptr<char> alive_ = std::make_shared<char>();
};

}  // namespace hil::bench
