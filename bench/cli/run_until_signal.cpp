// Serves an io_context until SIGINT or SIGTERM.
#include "bench/cli/run_until_signal.h"

#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <csignal>
#include <iostream>

#include "bench/io/run_until.h"

namespace hil::cli {
void serve_until_signal(boost::asio::io_context& io, const std::string& ready_line,
                        std::function<void()> on_signal, const std::function<bool()>& finished,
                        std::chrono::milliseconds goodbye) {
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  bool stopping = false;
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec) return;
    stopping = true;
    if (on_signal) on_signal();
  });
  std::cout << ready_line << std::endl;
  while (!stopping && !io.stopped()) io.run_one();
  if (finished) bench::run_until(io, finished, goodbye);
}

}  // namespace hil::cli
