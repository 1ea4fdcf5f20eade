// One HTTP GET to a server of ours on 127.0.0.1 (a NATS node's monitoring port), on an io_context.
#include "bench/io/http_get.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <memory>
#include <utility>

namespace hil::bench {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using boost::asio::ip::tcp;

// Everything one request needs until it ends; the handlers share it.
struct Exchange {
  explicit Exchange(boost::asio::io_context& io) : stream(io) {}
  beast::tcp_stream stream;
  http::request<http::empty_body> request;
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  std::function<void(const HttpReply&)> done;

  void fail(const char* what, const boost::system::error_code& ec) const {
    done({0, std::string(what) + ": " + ec.message()});
  }
};

}  // namespace

void http_get(boost::asio::io_context& io, std::uint16_t port, const std::string& target,
              std::chrono::milliseconds timeout, std::function<void(const HttpReply&)> done) {
  auto exchange = std::make_shared<Exchange>(io);
  exchange->done = std::move(done);
  exchange->request = {http::verb::get, target, 11};
  exchange->request.set(http::field::host, "127.0.0.1");
  // One deadline for the whole exchange: the stream's timer covers each step that is still to run.
  exchange->stream.expires_after(timeout);
  const tcp::endpoint server(boost::asio::ip::address_v4::loopback(), port);
  exchange->stream.async_connect(server, [exchange](const boost::system::error_code& ec) {
    if (ec) return exchange->fail("connect", ec);
    http::async_write(exchange->stream, exchange->request,
                      [exchange](const boost::system::error_code& ec, std::size_t /*bytes*/) {
                        if (ec) return exchange->fail("send", ec);
                        http::async_read(
                            exchange->stream, exchange->buffer, exchange->response,
                            [exchange](const boost::system::error_code& ec, std::size_t /*bytes*/) {
                              if (ec) return exchange->fail("read", ec);
                              exchange->done({static_cast<int>(exchange->response.result_int()),
                                              exchange->response.body()});
                            });
                      });
  });
}

}  // namespace hil::bench
