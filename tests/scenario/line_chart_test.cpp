// Tests of the report's line charts, read back from their SVG: the value axis fits the data, both
// axes have ticks, series are told apart and listed in a legend, lines reach the end of the run.
#include "bench/scenario/line_chart.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>
#include <sstream>

namespace hil::scenario {
namespace {

struct Box {
  double x = 0, y = 0, width = 0, height = 0;
};

struct Drawn {
  std::string svg;
  Box plot;                                                   // the plot area
  std::vector<std::vector<std::pair<double, double>>> lines;  // each series' pixels
  std::vector<std::string> strokes;                           // each series' colour and dash
};

std::vector<std::string> all_matches(const std::string& text, const std::string& pattern) {
  std::vector<std::string> found;
  const std::regex re(pattern);
  for (auto m = std::sregex_iterator(text.begin(), text.end(), re); m != std::sregex_iterator();
       ++m)
    found.push_back((*m)[1]);
  return found;
}

// The markup from the group of class `from` to the next of class `to` (or the end).
std::string section(const std::string& svg, const std::string& from, const std::string& to = "") {
  const std::size_t begin = svg.find("class=\"" + from + "\"");
  if (begin == std::string::npos) return "";
  return svg.substr(begin,
                    to.empty() ? std::string::npos : svg.find("class=\"" + to + "\"") - begin);
}

Drawn draw(const Chart& chart) {
  std::ostringstream out;
  write_line_chart(out, chart);
  Drawn drawn{out.str(), {}, {}, {}};
  std::smatch area;
  const std::regex area_re(
      R"re(<rect class="plot-area" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)")re");
  if (!std::regex_search(drawn.svg, area, area_re)) {
    ADD_FAILURE() << "no plot area in " << drawn.svg;
    return drawn;
  }
  drawn.plot = {std::stod(area[1]), std::stod(area[2]), std::stod(area[3]), std::stod(area[4])};
  for (const std::string& points :
       all_matches(drawn.svg, R"(<polyline class="series" points="([^"]*)\")")) {
    drawn.lines.emplace_back();
    std::istringstream in(points);
    double x, y;
    char comma;
    while (in >> x >> comma >> y) drawn.lines.back().emplace_back(x, y);
  }
  drawn.strokes = all_matches(drawn.svg, R"(<polyline class="series" points="[^"]*" ([^>]*)>)");
  return drawn;
}

Chart room_cooling() {
  Chart chart{"blaster: room temperature (C)", {}, 1200e6};
  for (int minute = 0; minute <= 20; ++minute)
    add_point(chart, "room", minute * 60e6, 25 + 2 * std::exp(-minute / 6.0));
  return chart;
}

TEST(LineChart, ARoomCoolingFrom27To25FillsThePlotWithoutTouchingItsFrame) {
  // Regression: the axis ran from 0 to the highest value, and this curve lay flat on the top edge.
  const Drawn drawn = draw(room_cooling());
  ASSERT_EQ(drawn.lines.size(), 1u);
  double top = 1e9, bottom = -1e9;
  for (const auto& [x, y] : drawn.lines[0]) {
    top = std::min(top, y);
    bottom = std::max(bottom, y);
  }
  const double margin = 0.03 * drawn.plot.height;
  EXPECT_GT(top, drawn.plot.y + margin) << "off the top of the frame";
  EXPECT_LT(bottom, drawn.plot.y + drawn.plot.height - margin) << "off the bottom of the frame";
  EXPECT_GT(bottom - top, 0.7 * drawn.plot.height) << "a change of 2 C uses most of the height";
}

TEST(LineChart, BothAxesHaveLabelledTicks) {
  const Drawn drawn = draw(room_cooling());
  const auto value_labels =
      all_matches(section(drawn.svg, "value-ticks", "time-ticks"), R"(<text[^>]*>([^<]*)</text>)");
  EXPECT_EQ(value_labels, (std::vector<std::string>{"25.0", "25.5", "26.0", "26.5", "27.0"}));
  const std::string time_axis = section(drawn.svg, "time-ticks", "series");
  const auto time_labels = all_matches(time_axis, R"(<text x[^>]*>([^<]*)</text>)");
  EXPECT_EQ(time_labels, (std::vector<std::string>{"0", "2", "4", "6", "8", "10", "12", "14", "16",
                                                   "18", "20"}));
  EXPECT_NE(time_axis.find(">time (min)<"), std::string::npos);
}

TEST(LineChart, ConstantDataIsALineAcrossTheMiddle) {
  Chart chart{"flat", {}, 10e6};
  add_point(chart, "outside", 0, 30);
  add_point(chart, "outside", 5e6, 30);
  const Drawn drawn = draw(chart);
  ASSERT_EQ(drawn.lines.size(), 1u);
  for (const auto& [x, y] : drawn.lines[0])
    EXPECT_NEAR(y, drawn.plot.y + drawn.plot.height / 2, 0.1);
}

TEST(LineChart, TheLastValueIsHeldToTheEndOfTheRun) {
  Chart chart{"position", {}, 10e6};
  add_point(chart, "motor 0", 0, 0);
  add_point(chart, "motor 0", 4e6, 1200);  // the motion ended here; the run went on
  const Drawn drawn = draw(chart);
  ASSERT_EQ(drawn.lines.size(), 1u);
  ASSERT_EQ(drawn.lines[0].size(), 3u);
  EXPECT_NEAR(drawn.lines[0].back().first, drawn.plot.x + drawn.plot.width, 0.1);
  EXPECT_EQ(drawn.lines[0].back().second, drawn.lines[0][1].second);
}

TEST(LineChart, ARunThatEndedAtOnceGetsAMillisecondWideAxis) {
  Chart chart{"position", {}, 0};
  add_point(chart, "motor 0", 0, 0);
  const Drawn drawn = draw(chart);
  const std::string time_axis = section(drawn.svg, "time-ticks", "series");
  EXPECT_NE(time_axis.find(">time (ms)<"), std::string::npos);
  EXPECT_NE(time_axis.find(">1.0</text>"), std::string::npos) << time_axis;
}

TEST(LineChart, EightMotorsMovingTogetherAreToldApartAndListed) {
  Chart chart{"node: position (steps)", {}, 3e6};
  for (int motor = 0; motor < 8; ++motor) {
    for (int step = 0; step <= 30; ++step)
      add_point(chart, "motor " + std::to_string(motor), step * 100e3, step * 40);
  }
  const Drawn drawn = draw(chart);
  ASSERT_EQ(drawn.lines.size(), 8u);
  EXPECT_EQ(std::set<std::string>(drawn.strokes.begin(), drawn.strokes.end()).size(), 8u)
      << "each line its own colour and dash";
  const auto colour_of = [](const std::string& stroke) {
    return stroke.substr(stroke.find("stroke=\""), 16);
  };
  std::set<std::string> colours;
  for (const std::string& stroke : drawn.strokes) colours.insert(colour_of(stroke));
  EXPECT_EQ(colours.size(), 8u);
  // On the shared line every motor shows its own markers, at places of its own.
  const std::string markers = section(drawn.svg, "markers", "legend");
  const auto fills = all_matches(markers, R"(fill="(#[0-9a-f]{6})\")");
  EXPECT_EQ(std::set<std::string>(fills.begin(), fills.end()).size(), 8u);
  const auto circles = all_matches(markers, R"(<circle cx="([\d.]+)\")");
  const auto polygons = all_matches(markers, R"(<polygon points="([^"]*)\")");
  EXPECT_GE(circles.size() + polygons.size(), 8u * 5);
  std::set<long> places;  // each marker's centre, in tenths of a pixel along the line
  for (const std::string& cx : circles) places.insert(std::lround(std::stod(cx) * 10));
  for (const std::string& outline : polygons) {
    std::istringstream in(outline);
    double x, y, sum = 0;
    int corners = 0;
    for (char comma; in >> x >> comma >> y; ++corners) sum += x;
    places.insert(std::lround(sum / corners * 10));
  }
  EXPECT_EQ(places.size(), circles.size() + polygons.size()) << "no marker hides another";
  const std::string legend = section(drawn.svg, "legend");
  const auto labels = all_matches(legend, R"(<text[^>]*>([^<]*)</text>)");
  EXPECT_EQ(labels, (std::vector<std::string>{"motor 0", "motor 1", "motor 2", "motor 3", "motor 4",
                                              "motor 5", "motor 6", "motor 7"}));
  EXPECT_EQ(all_matches(legend, R"((<line) )").size(), 8u) << "a sample of each line";
}

TEST(LineChart, ATitleAndLabelsAreEscapedAndAnEmptyChartIsLeftOut) {
  Chart chart{"a <b>", {}, 1e6};
  add_point(chart, "x & y", 0, 1);
  const Drawn drawn = draw(chart);
  EXPECT_NE(drawn.svg.find("<figcaption>a &lt;b&gt;</figcaption>"), std::string::npos);
  EXPECT_NE(drawn.svg.find(">x &amp; y</text>"), std::string::npos);
  std::ostringstream empty;
  write_line_chart(empty, Chart{"nothing", {}, 1e6});
  EXPECT_EQ(empty.str(), "");
}

}  // namespace
}  // namespace hil::scenario
