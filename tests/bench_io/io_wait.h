// The tests' only way to wait: run an io_context until a condition holds or a deadline passes.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>

#include "bench/io/run_until.h"

namespace hil::bench::testing {

inline constexpr std::chrono::milliseconds kEventDeadline{10000};

template <typename Condition>
bool run_until(boost::asio::io_context& io, Condition done,
               std::chrono::milliseconds limit = kEventDeadline) {
  return bench::run_until(io, done, limit);
}

}  // namespace hil::bench::testing
