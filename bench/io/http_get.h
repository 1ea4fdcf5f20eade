// One HTTP GET to a server of ours on 127.0.0.1 (a NATS node's monitoring port), on an io_context.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace hil::bench {

struct HttpReply {
  int status = 0;  // 0: no answer, and `body` says why
  std::string body;
};

// GETs http://127.0.0.1:PORT<target> and calls `done` from `io` with the answer, or with status 0
// when there is none within `timeout`.
void http_get(boost::asio::io_context& io, std::uint16_t port, const std::string& target,
              std::chrono::milliseconds timeout, std::function<void(const HttpReply&)> done);

}  // namespace hil::bench
