// The WebSocket server: accept, read the HTTP request, route by path, upgrade or refuse.
#include "bench/io/ws_server.h"

#include <boost/asio/ip/address.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <utility>

namespace hil::bench {
namespace beast = boost::beast;
namespace http = boost::beast::http;
using boost::asio::ip::tcp;
using boost::system::error_code;

namespace {

// An upgrade request is headers only; anything longer is not one.
constexpr std::uint32_t kMaxRequestHeaderBytes = 8 * 1024;

std::string endpoint_text(const tcp::socket& socket) {
  error_code ec;
  const tcp::endpoint peer = socket.remote_endpoint(ec);
  return ec ? std::string("?") : peer.address().to_string() + ":" + std::to_string(peer.port());
}

}  // namespace

// One HTTP request on a new TCP connection: answered with an upgrade or a refusal.
class WsServer::Request : public std::enable_shared_from_this<WsServer::Request> {
 public:
  Request(WsServer& server, tcp::socket socket)
      : server_(server), alive_(server.alive_), stream_(std::move(socket)) {
    peer_ = endpoint_text(stream_.socket());
    parser_.header_limit(kMaxRequestHeaderBytes);
  }

  void read() {
    stream_.expires_after(server_.options_.request_timeout);
    http::async_read(
        stream_, buffer_, parser_,
        [self = shared_from_this()](const error_code& ec, std::size_t) { self->on_request(ec); });
  }

 private:
  void on_request(const error_code& ec) {
    if (alive_.expired()) return;
    const Logger& log = server_.options_.log;
    if (ec) {
      log.info(peer_ + ": no HTTP request: " + ec.message());
      return;
    }
    const http::request<http::empty_body>& request = parser_.get();
    const std::string target(request.target());
    const std::string path = target.substr(0, target.find('?'));
    const auto route = server_.routes_.find(path);
    if (route == server_.routes_.end()) {
      log.warning(peer_ + ": no WebSocket endpoint at '" + path + "': 404");
      refuse(http::status::not_found, "no WebSocket endpoint at this path\n");
      return;
    }
    if (!beast::websocket::is_upgrade(request)) {
      log.warning(peer_ + ": a plain HTTP request for '" + path + "': 426");
      refuse(http::status::upgrade_required, "this is a WebSocket endpoint\n");
      return;
    }
    auto session = std::make_shared<WsSession>(std::move(stream_), *route->second, nullptr,
                                               server_.options_.limits, log, peer_ + " " + path);
    session->stream().async_accept(request, [session, server = &server_,
                                             alive = alive_](const error_code& accept_ec) {
      if (alive.expired()) return;
      if (accept_ec) {
        server->options_.log.info(session->peer() + ": handshake failed: " + accept_ec.message());
        return;
      }
      server->adopt(session);
      session->run();
    });
  }

  void refuse(http::status status, const std::string& body) {
    auto response =
        std::make_shared<http::response<http::string_body>>(status, parser_.get().version(), body);
    response->set(http::field::content_type, "text/plain");
    response->keep_alive(false);
    response->prepare_payload();
    http::async_write(stream_, *response,
                      [self = shared_from_this(), response](const error_code&, std::size_t) {
                        error_code ignored;
                        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
                      });
  }

  WsServer& server_;
  std::weak_ptr<char> alive_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request_parser<http::empty_body> parser_;
  std::string peer_;
};

WsServer::WsServer(boost::asio::io_context& io, WsServerOptions options)
    : options_(std::move(options)), acceptor_(io) {}

WsServer::~WsServer() {
  for (const auto& weak : sessions_) {
    if (auto session = weak.lock()) session->detach();
  }
}

void WsServer::route(const std::string& path, core::WsEvents& events) { routes_[path] = &events; }

bool WsServer::start(std::string& error) {
  error_code ec;
  const auto address = boost::asio::ip::make_address(options_.host, ec);
  if (ec) {
    error = "--host must be a numeric address, not '" + options_.host + "'";
    return false;
  }
  const tcp::endpoint endpoint(address, options_.port);
  const auto failed = [&](const char* step) {
    error = std::string("cannot ") + step + " " + options_.host + ":" +
            std::to_string(options_.port) + ": " + ec.message();
    return false;
  };
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return failed("open a socket for");
  acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(boost::asio::socket_base::max_listen_connections, ec);
  if (ec) return failed("listen on");
  port_ = acceptor_.local_endpoint(ec).port();
  do_accept();
  return true;
}

void WsServer::do_accept() {
  acceptor_.async_accept(
      [this, alive = std::weak_ptr<char>(alive_)](const error_code& ec, tcp::socket socket) {
        if (alive.expired() || !acceptor_.is_open()) return;
        if (ec) {
          options_.log.warning("accept failed: " + ec.message());
        } else {
          // Audio blocks go out as they are written, not held back for coalescing.
          socket.set_option(tcp::no_delay(true));
          std::make_shared<Request>(*this, std::move(socket))->read();
        }
        do_accept();
      });
}

void WsServer::adopt(const std::shared_ptr<WsSession>& session) {
  std::vector<std::weak_ptr<WsSession>> kept;
  for (auto& weak : sessions_) {
    const auto open = weak.lock();
    if (open && !open->finished()) kept.push_back(std::move(weak));
  }
  kept.push_back(session);
  sessions_ = std::move(kept);
}

void WsServer::stop() {
  error_code ignored;
  acceptor_.close(ignored);
  for (const auto& weak : sessions_) {
    if (auto session = weak.lock()) session->close(core::kWsGoingAway, "Server shutting down");
  }
}

std::size_t WsServer::open_connections() const {
  std::size_t count = 0;
  for (const auto& weak : sessions_) {
    const auto session = weak.lock();
    count += session && !session->finished() ? 1 : 0;
  }
  return count;
}

}  // namespace hil::bench
