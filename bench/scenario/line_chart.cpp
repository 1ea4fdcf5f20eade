// One line chart of the HTML report as inline SVG.
#include "bench/scenario/line_chart.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "bench/scenario/chart_frame.h"
#include "bench/scenario/markup_escape.h"
#include "bench/scenario/series_style.h"

namespace hil::scenario {
namespace {

using Points = std::vector<std::pair<double, double>>;

using namespace chart_frame;

constexpr double kLegendTop = kAxisBottom + 8;
constexpr double kLegendRow = 18;
constexpr double kLegendSample = 30;     // the stretch of line drawn beside each label
constexpr double kLabelCharWidth = 6.5;  // an average at 11 px, capitals count wider
constexpr double kMarkerSpacing = 90;    // px between one series' markers
constexpr int kValueTicks = 5;

// The series' value at `time_us`, straight between its points as its line is drawn; none outside.
std::optional<double> value_at(const Points& points, double time_us) {
  const auto after = std::upper_bound(points.begin(), points.end(), time_us,
                                      [](double t, const auto& point) { return t < point.first; });
  if (after == points.begin()) return std::nullopt;
  const auto& [t0, v0] = *std::prev(after);
  if (after == points.end()) return t0 == time_us ? std::optional<double>(v0) : std::nullopt;
  const auto& [t1, v1] = *after;
  return t1 == t0 ? v1 : v0 + (v1 - v0) * (time_us - t0) / (t1 - t0);
}

// Each series' points with its last value held to the end of the run.
std::vector<Points> held_to_end(const Chart& chart, double end_us) {
  std::vector<Points> held;
  for (const ChartSeries& series : chart.series) {
    held.push_back(series.points);
    if (!held.back().empty() && held.back().back().first < end_us)
      held.back().emplace_back(end_us, held.back().back().second);
  }
  return held;
}

std::optional<AxisRange> data_range(const std::vector<Points>& series) {
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  for (const Points& points : series) {
    for (const auto& point : points) {
      if (!std::isfinite(point.second)) continue;
      low = std::min(low, point.second);
      high = std::max(high, point.second);
    }
  }
  if (low > high) return std::nullopt;
  return AxisRange{low, high};
}

// Markers along each series, every kMarkerSpacing px, each series shifted by its share of the
// spacing: where series coincide (eight motors moving together) every one still shows its own.
void write_markers(std::ostream& out, const Frame& frame, const std::vector<Points>& series) {
  out << "<g class=\"markers\">";
  for (std::size_t i = 0; i < series.size(); ++i) {
    const SeriesStyle style = style_of(i);
    const double offset =
        kMarkerSpacing * (static_cast<double>(i) + 0.5) / static_cast<double>(series.size());
    for (double x = kLeft + offset; x <= kLeft + kPlotWidth; x += kMarkerSpacing) {
      const std::optional<double> value = value_at(series[i], frame.time_at(x));
      if (value && std::isfinite(*value)) write_marker(out, style, x, frame.y(*value));
    }
  }
  out << "</g>";
}

struct LegendPlace {
  double x;
  double y;
};

// Entries left to right, wrapping onto further rows.
std::vector<LegendPlace> legend_places(const std::vector<ChartSeries>& series) {
  std::vector<LegendPlace> places;
  double x = kLeft, y = kLegendTop;
  for (const ChartSeries& entry : series) {
    const double width =
        kLegendSample + 6 + kLabelCharWidth * static_cast<double>(entry.label.size()) + 14;
    if (x > kLeft && x + width > kWidth - kRight) {
      x = kLeft;
      y += kLegendRow;
    }
    places.push_back({x, y});
    x += width;
  }
  return places;
}

void write_legend(std::ostream& out, const std::vector<ChartSeries>& series,
                  const std::vector<LegendPlace>& places) {
  out << "<g class=\"legend\" font-size=\"11\">";
  for (std::size_t i = 0; i < series.size(); ++i) {
    const SeriesStyle style = style_of(i);
    const auto [x, y] = places[i];
    out << "<g class=\"legend-entry\"><line x1=\"" << coord(x) << "\" x2=\""
        << coord(x + kLegendSample) << "\" y1=\"" << coord(y) << "\" y2=\"" << coord(y) << "\"";
    write_stroke(out, style);
    out << "/>";
    write_marker(out, style, x + kLegendSample / 2, y);
    out << "<text x=\"" << coord(x + kLegendSample + 6) << "\" y=\"" << coord(y + 4) << "\">"
        << escape_markup(series[i].label) << "</text></g>";
  }
  out << "</g>";
}

}  // namespace

void add_point(Chart& chart, const std::string& label, double time_us, double value) {
  auto series = std::find_if(chart.series.begin(), chart.series.end(),
                             [&](const ChartSeries& s) { return s.label == label; });
  if (series == chart.series.end()) series = chart.series.insert(series, ChartSeries{label, {}});
  series->points.emplace_back(time_us, value);
}

void write_line_chart(std::ostream& out, const Chart& chart) {
  double end_us = std::max(chart.end_us, kShortestUs);
  for (const ChartSeries& series : chart.series)
    if (!series.points.empty()) end_us = std::max(end_us, series.points.back().first);
  const std::vector<Points> series = held_to_end(chart, end_us);
  const std::optional<AxisRange> data = data_range(series);
  if (!data) return;
  const Frame frame(value_range(data->low, data->high), end_us);
  const std::vector<LegendPlace> places = legend_places(chart.series);
  const double height = (places.empty() ? kLegendTop : places.back().y) + kLegendRow;
  open_figure(out, chart.title, height);
  write_axes(out, frame, kValueTicks);
  write_border(out);
  for (std::size_t i = 0; i < series.size(); ++i) {
    out << "<polyline class=\"series\" points=\"";
    for (const auto& [t, v] : series[i])
      if (std::isfinite(v)) out << coord(frame.x(t)) << ',' << coord(frame.y(v)) << ' ';
    out << "\"";
    write_stroke(out, style_of(i));
    out << "><title>" << escape_markup(chart.series[i].label) << "</title></polyline>";
  }
  write_markers(out, frame, series);
  write_legend(out, chart.series, places);
  close_figure(out);
}

}  // namespace hil::scenario
