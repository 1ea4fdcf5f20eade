// What `hilbench fleet` reports as it runs: a JSON line of its counters every period, with the
// message rates and command round trips since the last line and the process's memory per device;
// the same samples feed the HTML report.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "bench/fleet/fleet.h"
#include "bench/fleet/fleet_commander.h"
#include "bench/fleet/fleet_html.h"

namespace hil::bench {

// The counters now, with the resident memory (and per device).
nlohmann::json fleet_counters_json(const Fleet& fleet);

struct FleetReporterOptions {
  std::chrono::milliseconds period{10'000};
  bool print = true;      // a JSON line on stdout each period
  std::string html_path;  // non-empty: the HTML report, rewritten each period and at the end
  std::string title = "hilbench fleet";
  Logger log;  // a report that cannot be written
};

class FleetReporter {
 public:
  // `commander` may be null (no commands sent).
  FleetReporter(boost::asio::io_context& io, const Fleet& fleet, FleetCommander* commander,
                FleetReporterOptions options);
  void start();
  // The counters and the commands' totals, with the round trips of the whole run.
  nlohmann::json snapshot() const;
  // The last line and the HTML report once more (at the end of the run); false when that report
  // could not be written (the reason is logged).
  [[nodiscard]] bool finish();

 private:
  void arm();
  // The snapshot, with the rates and round trips since the last line; a sample for the history.
  nlohmann::json line();
  // False, with the reason logged, when the page cannot be written.
  bool write_html(const nlohmann::json& last) const;

  const Fleet& fleet_;
  FleetCommander* commander_;
  FleetReporterOptions options_;
  boost::asio::steady_timer timer_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_time_;
  FleetCounters last_;
  FleetHistory history_;
};

}  // namespace hil::bench
