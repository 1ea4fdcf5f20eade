// What `hilbench fleet` reports as it runs.
#include "bench/fleet/fleet_report.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <string>

namespace hil::bench {
namespace {

// The process's resident memory in KiB (VmRSS), or 0 when /proc cannot say.
std::size_t resident_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoul(line.substr(6));
  }
  return 0;
}

double rounded(double value) { return std::round(value * 10) / 10; }

}  // namespace

nlohmann::json fleet_counters_json(const Fleet& fleet) {
  const FleetCounters& c = fleet.counters();
  const std::size_t rss = resident_kib();
  return {
      {"devices", c.devices},
      {"started", c.started},
      {"connected", c.connected},
      {"connects", c.connects},
      {"all_connected_s", std::round(c.all_connected_s * 1000) / 1000},
      {"reconnects", c.connects > c.devices ? c.connects - c.devices : 0},
      {"disconnects", c.disconnects},
      {"messages_in", c.messages_in},
      {"messages_out", c.messages_out},
      {"rss_kib", rss},
      {"rss_kib_per_device",
       c.devices == 0 ? 0.0 : rounded(static_cast<double>(rss) / static_cast<double>(c.devices))}};
}

FleetReporter::FleetReporter(boost::asio::io_context& io, const Fleet& fleet,
                             std::chrono::milliseconds period)
    : fleet_(fleet), period_(period), timer_(io), last_time_(std::chrono::steady_clock::now()) {}

void FleetReporter::start() {
  last_ = fleet_.counters();  // rates from now on
  last_time_ = std::chrono::steady_clock::now();
  if (period_.count() > 0) arm();
}

void FleetReporter::arm() {
  timer_.expires_after(period_);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    std::cout << line().dump() << std::endl;
    arm();
  });
}

nlohmann::json FleetReporter::line() {
  const auto now = std::chrono::steady_clock::now();
  const double seconds = std::max(1e-3, std::chrono::duration<double>(now - last_time_).count());
  const FleetCounters& c = fleet_.counters();
  nlohmann::json out = fleet_counters_json(fleet_);
  out["messages_in_per_s"] =
      rounded(static_cast<double>(c.messages_in - last_.messages_in) / seconds);
  out["messages_out_per_s"] =
      rounded(static_cast<double>(c.messages_out - last_.messages_out) / seconds);
  last_ = c;
  last_time_ = now;
  return out;
}

}  // namespace hil::bench
