// The tests' only way to wait: run an io_context until a condition holds or a deadline passes.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>

namespace hil::bench::testing {

inline constexpr std::chrono::milliseconds kEventDeadline{10000};

template <typename Condition>
bool run_until(boost::asio::io_context& io, Condition done,
               std::chrono::milliseconds limit = kEventDeadline) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    if (io.stopped()) io.restart();
    io.run_one_for(deadline - now);
  }
  return true;
}

}  // namespace hil::bench::testing
