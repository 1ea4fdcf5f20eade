// One line chart of the HTML report as inline SVG: a value axis that fits the data, a time axis
// with ticks, series told apart by colour, dash and marker, and a legend.
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace hil::scenario {

struct ChartSeries {
  std::string label;
  std::vector<std::pair<double, double>> points;  // (time in us, value), in time order
};

struct Chart {
  std::string title;
  std::vector<ChartSeries> series;
  double end_us = 0;  // the end of the run: the time axis reaches it, each last value is held to it
};

// Adds a point to the chart's series named `label`, making the series on first use.
void add_point(Chart& chart, const std::string& label, double time_us, double value);

// Writes the chart as a <figure> with its title; nothing when no series has a point.
void write_line_chart(std::ostream& out, const Chart& chart);

}  // namespace hil::scenario
