// The WebSocket client: resolve, connect, handshake, then a session.
#include "bench/io/ws_client.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/error.hpp>
#include <utility>

#include "bench/io/ws_url.h"

namespace hil::bench {
namespace beast = boost::beast;
using boost::asio::ip::tcp;
using boost::system::error_code;

struct WsClient::Attempt {
  Attempt(boost::asio::io_context& io, std::string url) : resolver(io), url(std::move(url)) {}
  tcp::resolver resolver;
  std::shared_ptr<WsSession> session;  // from the TCP connect on
  beast::websocket::response_type response;
  std::string url;
};

WsClient::WsClient(boost::asio::io_context& io, core::WsEvents& events, WsClientOptions options)
    : io_(io), events_(events), options_(std::move(options)) {}

WsClient::~WsClient() {
  abandon();
  if (session_) session_->detach();
}

void WsClient::abandon() {
  if (!attempt_) return;
  attempt_->resolver.cancel();
  if (attempt_->session) attempt_->session->detach();
  attempt_.reset();
}

void WsClient::connect(std::string_view url) {
  abandon();
  if (session_) session_->detach();
  session_.reset();
  auto attempt = std::make_shared<Attempt>(io_, std::string(url));
  attempt_ = attempt;
  std::string error;
  const std::optional<WsUrl> parsed = parse_ws_url(url, error);
  if (!parsed) {
    // Never inside the caller's call: events come from the loop.
    boost::asio::post(io_, [this, attempt, error, alive = std::weak_ptr<char>(alive_)] {
      if (!alive.expired()) fail(attempt, error);
    });
    return;
  }
  const WsUrl& target = *parsed;
  auto alive = std::weak_ptr<char>(alive_);
  attempt->resolver.async_resolve(
      target.host, std::to_string(target.port),
      [this, attempt, target, alive](const error_code& ec,
                                     const tcp::resolver::results_type& found) {
        if (alive.expired() || attempt != attempt_) return;
        if (ec) return fail(attempt, "cannot resolve " + target.host + ": " + ec.message());
        beast::tcp_stream stream(io_);
        stream.expires_after(options_.limits.handshake_timeout);
        attempt->session = std::make_shared<WsSession>(std::move(stream), events_, this,
                                                       options_.limits, options_.log, attempt->url);
        beast::get_lowest_layer(attempt->session->stream())
            .async_connect(found, [this, attempt, target, alive](const error_code& connect_ec,
                                                                 const tcp::endpoint&) {
              if (alive.expired() || attempt != attempt_) return;
              if (connect_ec) return fail(attempt, "cannot connect: " + connect_ec.message());
              WsSession::Stream& ws = attempt->session->stream();
              error_code ignored;
              beast::get_lowest_layer(ws).socket().set_option(tcp::no_delay(true), ignored);
              beast::get_lowest_layer(ws).expires_never();
              ws.async_handshake(
                  attempt->response, target.host + ":" + std::to_string(target.port), target.target,
                  [this, attempt, alive](const error_code& handshake_ec) {
                    if (alive.expired() || attempt != attempt_) return;
                    if (handshake_ec == beast::websocket::error::upgrade_declined) {
                      return fail(attempt, "the server declined the upgrade: HTTP " +
                                               std::to_string(attempt->response.result_int()));
                    }
                    if (handshake_ec) return fail(attempt, "handshake: " + handshake_ec.message());
                    session_ = attempt->session;
                    attempt_.reset();
                    session_->run();
                  });
            });
      });
}

void WsClient::fail(const std::shared_ptr<Attempt>& attempt, const std::string& why) {
  if (attempt != attempt_) return;
  abandon();
  options_.log.info(attempt->url + ": " + why);
  events_.on_close(*this, core::kWsAbnormalClosure, why);
}

bool WsClient::send_text(std::string_view text) { return session_ && session_->send_text(text); }

bool WsClient::send_binary(std::string_view bytes) {
  return session_ && session_->send_binary(bytes);
}

bool WsClient::ping() { return session_ && session_->ping(); }

void WsClient::close(core::WsCloseCode code, std::string_view reason) {
  if (session_) return session_->close(code, reason);
  if (!attempt_) return;
  abandon();
  boost::asio::post(io_, [this, alive = std::weak_ptr<char>(alive_)] {
    if (!alive.expired())
      events_.on_close(*this, core::kWsAbnormalClosure, "closed while connecting");
  });
}

}  // namespace hil::bench
