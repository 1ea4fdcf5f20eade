// Serves an io_context until SIGINT or SIGTERM (or until it runs out of work).
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <string>

namespace hil::cli {

// Listens for SIGINT and SIGTERM, then prints `ready_line` (one JSON line on stdout, flushed: what
// scripts wait for), then runs `io`. Listening first means a signal sent the moment the line is
// read still stops the command cleanly. `on_signal` runs first (e.g. to disconnect cleanly); the
// loop then runs on until `finished()` holds (the goodbyes are out), for `goodbye` at most.
void serve_until_signal(boost::asio::io_context& io, const std::string& ready_line,
                        std::function<void()> on_signal, const std::function<bool()>& finished = {},
                        std::chrono::milliseconds goodbye = std::chrono::seconds(3));

}  // namespace hil::cli
