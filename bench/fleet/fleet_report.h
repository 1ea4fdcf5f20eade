// What `hilbench fleet` reports as it runs: a JSON line of its counters every period, with the
// message rates since the last line and the process's memory per device.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <nlohmann/json.hpp>

#include "bench/fleet/fleet.h"

namespace hil::bench {

// The counters now, with the resident memory (and per device).
nlohmann::json fleet_counters_json(const Fleet& fleet);

class FleetReporter {
 public:
  // period 0: no periodic lines.
  FleetReporter(boost::asio::io_context& io, const Fleet& fleet, std::chrono::milliseconds period);
  void start();
  // The counters, and the rates since the last line.
  nlohmann::json line();

 private:
  void arm();

  const Fleet& fleet_;
  std::chrono::milliseconds period_;
  boost::asio::steady_timer timer_;
  std::chrono::steady_clock::time_point last_time_;
  FleetCounters last_;
};

}  // namespace hil::bench
