// The fleet's HTML report (`hilbench fleet --html FILE`): the last counters as a table and charts
// over the run of devices connected, messages a second each way, command round trips and commands
// lost, from the samples the reporter keeps.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace hil::bench {

// One report line's figures, at `seconds` since the fleet started.
struct FleetSample {
  double seconds = 0;
  double connected = 0;
  double subscribed = 0;
  double messages_in_per_s = 0;
  double messages_out_per_s = 0;
  double commands_sent = 0;
  double commands_lost = 0;
  double round_trip_p50_ms = 0;
  double round_trip_p90_ms = 0;
  double round_trip_p99_ms = 0;
  bool has_round_trips = false;
};

// Samples of a run of any length in bounded memory: past `limit`, every other one is dropped.
class FleetHistory {
 public:
  explicit FleetHistory(std::size_t limit = 2048) : limit_(limit) {}
  void add(const FleetSample& sample);
  const std::vector<FleetSample>& samples() const { return samples_; }

 private:
  std::size_t limit_;
  std::vector<FleetSample> samples_;
};

// The whole page; `last` is the latest report line.
void write_fleet_html(std::ostream& out, const std::string& title, const nlohmann::json& last,
                      const FleetHistory& history);

}  // namespace hil::bench
