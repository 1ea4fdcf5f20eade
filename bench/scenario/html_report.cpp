// A self-contained HTML report of scenario runs.
#include "bench/scenario/html_report.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "bench/scenario/markup_escape.h"

namespace hil::scenario {
namespace {

constexpr std::size_t kTimelineRows = 3000;  // per scenario; longer runs are cut, with a note
constexpr std::size_t kPayloadChars = 240;
const char* const kColors[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
                               "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

using Series =
    std::map<std::string, std::vector<std::pair<double, double>>>;  // label -> (t_ms, value)

// One line chart as inline SVG: a polyline per series on shared axes.
void plot(std::ostream& out, const std::string& title, const Series& series) {
  double t_max = 1, v_min = 0, v_max = 1;
  for (const auto& [label, points] : series) {
    for (const auto& [t, v] : points) {
      t_max = std::max(t_max, t);
      v_min = std::min(v_min, v);
      v_max = std::max(v_max, v);
    }
  }
  const double width = 760, height = 180, left = 50, top = 10;
  const auto x = [&](double t) { return left + t / t_max * (width - left - 10); };
  const auto y = [&](double v) {
    return top + (v_max - v) / (v_max - v_min) * (height - top - 25);
  };
  out << "<figure><figcaption>" << escape_markup(title) << "</figcaption><svg width=\"" << width
      << "\" height=\"" << height << "\" role=\"img\"><rect x=\"" << left << "\" y=\"" << top
      << "\" width=\"" << width - left - 10 << "\" height=\"" << height - top - 25
      << "\" fill=\"#fafafa\" stroke=\"#ccc\"/>"
      << "<text x=\"2\" y=\"" << y(v_max) + 4 << "\" font-size=\"10\">" << number(v_max)
      << "</text>"
      << "<text x=\"2\" y=\"" << y(v_min) << "\" font-size=\"10\">" << number(v_min) << "</text>"
      << "<text x=\"" << width - 80 << "\" y=\"" << height - 5 << "\" font-size=\"10\">"
      << number(t_max / 1000) << " s</text>";
  std::size_t index = 0;
  for (const auto& [label, points] : series) {
    const char* color = kColors[index++ % 8];
    out << "<polyline fill=\"none\" stroke=\"" << color << "\" stroke-width=\"1.5\" points=\"";
    for (const auto& [t, v] : points) out << number(x(t)) << ',' << number(y(v)) << ' ';
    out << "\"><title>" << escape_markup(label) << "</title></polyline>";
    out << "<text x=\"" << left + 5 + 60 * static_cast<double>(index - 1) << "\" y=\"" << height - 5
        << "\" font-size=\"10\" fill=\"" << color << "\">" << escape_markup(label) << "</text>";
  }
  out << "</svg></figure>\n";
}

// The charts each device's family names, from the state samples: a column of one value per motor
// gives a series per motor; a single value, one series.
void device_plots(std::ostream& out, const ScenarioResult& result, const FamilyRegistry& families) {
  const std::map<std::string, const Family*> family_of = families.by_name(result.devices);
  std::map<std::string, std::vector<Series>>
      charts;  // device -> one series set per plot of its family
  for (const StateSample& sample : result.samples) {
    const double t = static_cast<double>(sample.time_us) / 1000.0;
    for (auto device = sample.devices.begin(); device != sample.devices.end(); ++device) {
      const auto family = family_of.find(device.key());
      if (family == family_of.end()) continue;
      const std::vector<PlotSpec>& plots = family->second->plots;
      std::vector<Series>& sets = charts[device.key()];
      sets.resize(plots.size());
      for (std::size_t p = 0; p < plots.size(); ++p) {
        for (const auto& [column, label] : plots[p].series) {
          const auto values = device.value().find(column);
          if (values == device.value().end()) continue;
          if (values->is_number()) sets[p][label].emplace_back(t, values->get<double>());
          for (std::size_t id = 0; values->is_array() && id < values->size(); ++id) {
            if ((*values)[id].is_number())
              sets[p][label + " " + std::to_string(id)].emplace_back(t,
                                                                     (*values)[id].get<double>());
          }
        }
      }
    }
  }
  for (const auto& [device, sets] : charts) {
    const std::vector<PlotSpec>& plots = family_of.at(device)->plots;
    for (std::size_t p = 0; p < sets.size(); ++p) {
      if (!sets[p].empty()) plot(out, device + ": " + plots[p].title, sets[p]);
    }
  }
}

void timeline(std::ostream& out, const ScenarioResult& result) {
  out << "<details><summary>Timeline: " << result.messages.size()
      << " messages on every link</summary><table "
         "class=\"timeline\"><tr><th>ms</th><th>device</th><th>link</th>"
         "<th></th><th>topic</th><th>payload</th></tr>\n";
  const std::size_t shown = std::min(result.messages.size(), kTimelineRows);
  for (std::size_t i = 0; i < shown; ++i) {
    const LinkMessage& m = result.messages[i];
    std::string payload =
        m.payload.size() > kPayloadChars ? m.payload.substr(0, kPayloadChars) + "…" : m.payload;
    out << "<tr class=\"" << m.link << (m.inbound ? " in" : " out") << "\"><td>"
        << number(m.time_us / 1000.0) << "</td><td>" << escape_markup(m.device) << "</td><td>"
        << m.link << "</td><td>" << (m.inbound ? "→" : "←") << (m.lost ? " lost" : "")
        << "</td><td>" << escape_markup(m.topic) << "</td><td><code>" << escape_markup(payload)
        << "</code></td></tr>\n";
  }
  out << "</table>";
  if (shown < result.messages.size())
    out << "<p>… " << result.messages.size() - shown << " more in the trace.</p>";
  out << "</details>\n";
}

}  // namespace

void write_html(std::ostream& out, const std::vector<ScenarioResult>& results,
                const FamilyRegistry& families) {
  const auto failed =
      std::count_if(results.begin(), results.end(), [](const auto& r) { return !r.passed; });
  out << "<!doctype html><html><head><meta charset=\"utf-8\"><title>hilbench report</title><style>"
         "body{font-family:sans-serif;margin:1.5em;max-width:1100px}table{border-collapse:collapse}"
         "td,th{padding:2px 8px;text-align:left;vertical-align:top;font-size:13px}"
         ".pass{color:#2a7d2a}.fail{color:#b00020}.timeline tr.in{background:#eef4ff}"
         ".timeline "
         "tr.out.serial{background:#f7f7f7}code{white-space:pre-wrap;word-break:break-all}"
         "figure{margin:0.5em "
         "0}figcaption{font-size:13px;font-weight:bold}pre{background:#fff3f3;padding:6px}"
         "</style></head><body>\n<h1>hilbench report</h1>\n<p>"
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
