// Waiting for an event: run an io_context's handlers until a condition holds, with a deadline.
// Each wait is for the next handler (a message, a timer, a signal), never a fixed slice of time.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>

namespace hil::bench {

// Runs `io` until `done()` holds, `deadline` passes, or `io` has no work left that could make it
// hold (or is stopped); returns done(). A stopped `io` is restarted first.
template <typename Condition>
bool run_until(boost::asio::io_context& io, Condition done,
               std::chrono::steady_clock::time_point deadline) {
  if (io.stopped()) io.restart();
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    if (io.run_one_until(deadline) == 0 && io.stopped()) return done();
  }
  return true;
}

template <typename Condition>
bool run_until(boost::asio::io_context& io, Condition done, std::chrono::milliseconds limit) {
  return run_until(io, done, std::chrono::steady_clock::now() + limit);
}

}  // namespace hil::bench
