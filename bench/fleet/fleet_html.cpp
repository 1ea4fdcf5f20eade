// The fleet's HTML report.
#include "bench/fleet/fleet_html.h"

#include "bench/scenario/html_report.h"
#include "bench/scenario/line_chart.h"
#include "bench/scenario/markup_escape.h"

namespace hil::bench {
namespace {

// One chart of the samples: each series a label and the figure it draws.
struct SeriesOf {
  const char* label;
  double FleetSample::*value;
};

void chart(std::ostream& out, const std::string& title, const std::vector<FleetSample>& samples,
           const std::vector<SeriesOf>& series, bool round_trips) {
  scenario::Chart drawn;
  drawn.title = title;
  for (const FleetSample& sample : samples) {
    if (round_trips && !sample.has_round_trips) continue;  // no answer in that period
    for (const SeriesOf& s : series)
      scenario::add_point(drawn, s.label, sample.seconds * 1e6, sample.*(s.value));
  }
  if (!samples.empty()) drawn.end_us = samples.back().seconds * 1e6;
  scenario::write_line_chart(out, drawn);
}

}  // namespace

void FleetHistory::add(const FleetSample& sample) {
  samples_.push_back(sample);
  if (samples_.size() <= limit_) return;
  std::vector<FleetSample> kept;
  kept.reserve(limit_ / 2 + 1);
  for (std::size_t i = 0; i < samples_.size(); i += 2) kept.push_back(samples_[i]);
  if (kept.back().seconds != samples_.back().seconds) kept.push_back(samples_.back());
  samples_ = std::move(kept);
}

void write_fleet_html(std::ostream& out, const std::string& title, const nlohmann::json& last,
                      const FleetHistory& history) {
  out << "<!doctype html><html><head><meta charset=\"utf-8\"><title>"
      << scenario::escape_markup(title) << "</title><style>" << scenario::kReportStyle
      << "</style></head><body>\n<h1>" << scenario::escape_markup(title) << "</h1>\n";
  out << "<table>\n";
  for (const auto& [key, value] : last.items()) {
    out << "<tr><th>" << scenario::escape_markup(key) << "</th><td><code>"
        << scenario::escape_markup(value.is_string() ? value.get<std::string>() : value.dump())
        << "</code></td></tr>\n";
  }
  out << "</table>\n";
  const std::vector<FleetSample>& s = history.samples();
  chart(out, "Devices", s,
        {{"connected", &FleetSample::connected}, {"subscribed", &FleetSample::subscribed}}, false);
  chart(out, "Messages a second", s,
        {{"to the devices", &FleetSample::messages_in_per_s},
         {"from the devices", &FleetSample::messages_out_per_s}},
        false);
  chart(out, "Command round trip (ms)", s,
        {{"p50", &FleetSample::round_trip_p50_ms},
         {"p90", &FleetSample::round_trip_p90_ms},
         {"p99", &FleetSample::round_trip_p99_ms}},
        true);
  chart(out, "Commands", s,
        {{"sent", &FleetSample::commands_sent}, {"lost", &FleetSample::commands_lost}}, false);
  out << "</body></html>\n";
}

}  // namespace hil::bench
