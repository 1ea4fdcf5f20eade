// What `hilbench fleet` reports as it runs.
#include "bench/fleet/fleet_report.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "bench/io/output_file.h"

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
double rounded_ms(double value) { return std::round(value * 1000) / 1000; }

nlohmann::json percentiles_json(const RoundTripPercentiles& p) {
  return {{"p50", rounded_ms(p.p50)},
          {"p90", rounded_ms(p.p90)},
          {"p99", rounded_ms(p.p99)},
          {"answers", p.count}};
}

}  // namespace

nlohmann::json fleet_counters_json(const Fleet& fleet) {
  const FleetCounters& c = fleet.counters();
  const std::size_t rss = resident_kib();
  return {
      {"devices", c.devices},
      {"started", c.started},
      {"connected", c.connected},
      {"subscribed", fleet.subscribed()},
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
                             FleetCommander* commander, FleetReporterOptions options)
    : fleet_(fleet),
      commander_(commander),
      options_(std::move(options)),
      timer_(io),
      started_(std::chrono::steady_clock::now()),
      last_time_(started_) {}

void FleetReporter::start() {
  last_ = fleet_.counters();  // rates from now on
  last_time_ = std::chrono::steady_clock::now();
  if (options_.period.count() > 0) arm();
}

nlohmann::json FleetReporter::snapshot() const {
  nlohmann::json out = fleet_counters_json(fleet_);
  if (commander_ != nullptr) {
    const FleetCommandCounts counts = commander_->counts();
    out["commands_sent"] = counts.sent;
    out["commands_answered"] = counts.answered;
    out["commands_lost"] = counts.lost;
    out["commands_pending"] = counts.pending;
    out["round_trip_ms_overall"] = percentiles_json(commander_->overall());
  }
  return out;
}

void FleetReporter::arm() {
  timer_.expires_after(options_.period);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    const nlohmann::json out = line();
    if (options_.print) std::cout << out.dump() << std::endl;
    write_html(out);
    arm();
  });
}

bool FleetReporter::finish() {
  timer_.cancel();
  return options_.period.count() <= 0 || write_html(line());
}

nlohmann::json FleetReporter::line() {
  const auto now = std::chrono::steady_clock::now();
  const double seconds = std::max(1e-3, std::chrono::duration<double>(now - last_time_).count());
  const FleetCounters& c = fleet_.counters();
  nlohmann::json out = snapshot();
  FleetSample sample;
  sample.seconds = std::chrono::duration<double>(now - started_).count();
  sample.connected = static_cast<double>(c.connected);
  sample.subscribed = out["subscribed"].get<double>();
  sample.messages_in_per_s =
      rounded(static_cast<double>(c.messages_in - last_.messages_in) / seconds);
  sample.messages_out_per_s =
      rounded(static_cast<double>(c.messages_out - last_.messages_out) / seconds);
  out["messages_in_per_s"] = sample.messages_in_per_s;
  out["messages_out_per_s"] = sample.messages_out_per_s;
  if (commander_ != nullptr) {
    const RoundTripPercentiles recent = commander_->take_recent();
    out["round_trip_ms"] = percentiles_json(recent);
    sample.commands_sent = out["commands_sent"].get<double>();
    sample.commands_lost = out["commands_lost"].get<double>();
    sample.has_round_trips = recent.count > 0;
    sample.round_trip_p50_ms = recent.p50;
    sample.round_trip_p90_ms = recent.p90;
    sample.round_trip_p99_ms = recent.p99;
  }
  history_.add(sample);
  last_ = c;
  last_time_ = now;
  return out;
}

bool FleetReporter::write_html(const nlohmann::json& last) const {
  if (options_.html_path.empty()) return true;
  // Written aside and renamed: a reader never sees half a page.
  const std::string partial = options_.html_path + ".partial";
  std::ostringstream page;
  write_fleet_html(page, options_.title, last, history_);
  std::string error;
  const auto out = OutputFile::open(partial, error);
  if (!out || !out->write_and_close(page.str(), error)) {
    options_.log.error("the HTML report: " + error);
    return false;
  }
  if (std::rename(partial.c_str(), options_.html_path.c_str()) != 0) {
    options_.log.error("cannot rename " + partial + " to " + options_.html_path + ": " +
                       std::strerror(errno));
    return false;
  }
  return true;
}

}  // namespace hil::bench
