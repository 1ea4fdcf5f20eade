// A self-contained HTML report of scenario runs.
#include "bench/scenario/html_report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "bench/scenario/line_chart.h"
#include "bench/scenario/markup_escape.h"
#include "bench/scenario/waveform_chart.h"

namespace hil::scenario {
namespace {

constexpr std::size_t kPayloadChars = 240;

}  // namespace

// One rule a line.
const char* const kReportStyle =
    "body{font-family:sans-serif;margin:1.5em;max-width:1100px}"
    "table{border-collapse:collapse}"
    "td,th{padding:2px 8px;text-align:left;vertical-align:top;font-size:13px}"
    ".pass{color:#2a7d2a}"
    ".fail{color:#b00020}"
    ".timeline tr.in,.timeline-legend .in{background:#eef4ff}"
    ".timeline tr.out.serial,.timeline-legend .out{background:#f7f7f7}"
    ".timeline-legend{font-size:13px}"
    ".timeline-legend span{padding:1px 6px}"
    "code{white-space:pre-wrap;word-break:break-all}"
    "figure{margin:0.5em 0 1em}"
    "figcaption{font-size:13px;font-weight:bold}"
    "figure svg{max-width:100%;height:auto}"
    "figure svg text{fill:#333}"
    "pre{background:#fff3f3;padding:6px}";

namespace {

const char* const kTimelineLegend =
    "<p class=\"timeline-legend\"><span class=\"in\">→ to the device</span> what the scenario or "
    "another device sent it; <span class=\"out\">← from the device</span> what it said (serial "
    "lines on grey); <b>lost</b>: sent while its link was down, it never arrived.</p>";

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

// The charts each device's family names, from the state samples (a column of one value per motor
// gives a series per motor; a single value, one series), then the device's waveforms.
void device_plots(std::ostream& out, const ScenarioResult& result, const FamilyRegistry& families) {
  const std::map<std::string, const Family*> family_of = families.by_name(result.devices);
  std::map<std::string, std::vector<Chart>> charts;  // device -> one per plot of its family
  for (const StateSample& sample : result.samples) {
    const auto t = static_cast<double>(sample.time_us);
    for (auto device = sample.devices.begin(); device != sample.devices.end(); ++device) {
      const auto family = family_of.find(device.key());
      if (family == family_of.end()) continue;
      const std::vector<PlotSpec>& plots = family->second->plots;
      std::vector<Chart>& device_charts = charts[device.key()];
      device_charts.resize(plots.size());
      for (std::size_t p = 0; p < plots.size(); ++p) {
        for (const auto& [column, label] : plots[p].series) {
          const auto values = device.value().find(column);
          if (values == device.value().end()) continue;
          if (values->is_number()) add_point(device_charts[p], label, t, values->get<double>());
          for (std::size_t id = 0; values->is_array() && id < values->size(); ++id) {
            if ((*values)[id].is_number())
              add_point(device_charts[p], label + " " + std::to_string(id), t,
                        (*values)[id].get<double>());
          }
        }
      }
    }
  }
  std::set<std::string> devices;
  for (const auto& entry : charts) devices.insert(entry.first);
  for (const auto& entry : result.waveforms) devices.insert(entry.first);
  const auto end_us = static_cast<double>(result.virtual_us);
  for (const std::string& device : devices) {
    if (const auto drawn = charts.find(device); drawn != charts.end()) {
      const std::vector<PlotSpec>& plots = family_of.at(device)->plots;
      for (std::size_t p = 0; p < drawn->second.size(); ++p) {
        drawn->second[p].title = device + ": " + plots[p].title;
        drawn->second[p].end_us = end_us;
        write_line_chart(out, drawn->second[p]);
      }
    }
    if (const auto sounds = result.waveforms.find(device); sounds != result.waveforms.end()) {
      for (const DeviceWaveform& sound : sounds->second)
        write_waveform_chart(out, device + ": " + sound.label + " waveform", sound.waveform,
                             end_us);
    }
  }
}

void timeline(std::ostream& out, const ScenarioResult& result) {
  const std::size_t count = std::max(result.message_count, result.messages.size());
  out << "<details><summary>Timeline: " << count << " messages on every link</summary>"
      << kTimelineLegend
      << "<table class=\"timeline\"><tr><th>ms</th><th>device</th><th>link</th>"
         "<th>way</th><th>topic</th><th>payload</th></tr>\n";
  const std::size_t shown = std::min(result.messages.size(), kTimelineRows);
  for (std::size_t i = 0; i < shown; ++i) {
    const LinkMessage& m = result.messages[i];
    std::string payload =
        m.payload.size() > kPayloadChars ? m.payload.substr(0, kPayloadChars) + "…" : m.payload;
    out << "<tr class=\"" << m.link << (m.inbound ? " in" : " out") << "\"><td>"
        << number(static_cast<double>(m.time_us) / 1000.0) << "</td><td>" << escape_markup(m.device)
        << "</td><td>" << m.link << "</td><td title=\""
        << (m.inbound ? "to the device\">→" : "from the device\">←") << (m.lost ? " lost" : "")
        << "</td><td>" << escape_markup(m.topic) << "</td><td><code>" << escape_markup(payload)
        << "</code></td></tr>\n";
  }
  out << "</table>";
  if (shown < count) out << "<p>… " << count - shown << " more in the trace.</p>";
  out << "</details>\n";
}

}  // namespace

void ReportCollector::message(const LinkMessage& message) {
  if (messages_.size() < kTimelineRows) messages_.push_back(message);
}

void ReportCollector::fill(ScenarioResult& result) {
  result.messages = std::move(messages_);
  result.samples = std::move(samples_);
}

void write_html(std::ostream& out, const std::vector<ScenarioResult>& results,
                const FamilyRegistry& families) {
  const auto failed =
      std::count_if(results.begin(), results.end(), [](const auto& r) { return !r.passed; });
  out << "<!doctype html><html><head><meta charset=\"utf-8\"><title>hilbench report</title><style>"
      << kReportStyle << "</style></head><body>\n<h1>hilbench report</h1>\n<p>"
      << results.size() - static_cast<std::size_t>(failed) << " passed, " << failed
      << " failed</p>\n<table><tr><th>scenario</th><th>result</th><th>steps</th><th>virtual "
         "s</th><th>wall ms</th></tr>\n";
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    out << "<tr><td><a href=\"#s" << i << "\">" << escape_markup(r.name) << "</a></td><td class=\""
        << (r.passed ? "pass\">PASS" : "fail\">FAIL") << "</td><td>" << r.steps_run << "</td><td>"
        << number(static_cast<double>(r.virtual_us) / 1e6) << "</td><td>" << number(r.wall_ms)
        << "</td></tr>\n";
  }
  out << "</table>\n";
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    out << "<section id=\"s" << i << "\"><h2 class=\"" << (r.passed ? "pass" : "fail") << "\">"
        << escape_markup(r.name) << "</h2><p>" << escape_markup(r.file) << "</p>\n";
    if (r.failure) {
      std::string text = r.failure->where.to_string() + ": " + r.failure->message + "\n";
      if (!r.failure->expected.empty()) text += "expected: " + r.failure->expected + "\n";
      for (const auto& line : r.failure->nearest) text += "seen:     " + line + "\n";
      out << "<pre>" << escape_markup(text) << "</pre>\n";
    }
    device_plots(out, r, families);
    timeline(out, r);
    out << "</section>\n";
  }
  out << "</body></html>\n";
}

}  // namespace hil::scenario
