// Runs an io_context until SIGINT or SIGTERM (or until it runs out of work).
#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>

namespace hil::cli {

// `on_signal` runs first (e.g. to disconnect cleanly); the loop then drains for up to a second.
void run_until_signal(boost::asio::io_context& io, std::function<void()> on_signal);

// Prints one JSON line on stdout and flushes it: what scripts wait for.
void print_ready(const std::string& json_line);

}  // namespace hil::cli
