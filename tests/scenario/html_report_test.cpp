// Tests of the HTML report: the charts a family's row names, drawn from the state samples up to
// the end of the run, the devices' waveforms, and the timeline with a legend of its arrows.
#include "bench/scenario/html_report.h"

#include <gtest/gtest.h>

#include <sstream>

namespace hil::scenario {
namespace {

// A family of this test only: a thermometer whose snapshot holds two temperatures.
FamilyRegistry thermometers() {
  FamilyRegistry families;
  Family row;
  row.kind = "thermometer";
  row.plots = {{"temperature (C)", {{"room_c", "room"}, {"outside_c", "outside"}}}};
  families.add(std::move(row));
  return families;
}

ScenarioResult cooling_room() {
  ScenarioResult result;
  result.name = "cooling";
  result.passed = true;
  result.devices = nlohmann::json::parse(R"([{"name":"t","kind":"thermometer"}])");
  for (int second = 0; second <= 5; ++second) {
    nlohmann::json snapshot = {{"room_c", 27 - 0.4 * second}, {"outside_c", 30}};
    result.samples.push_back(StateSample{second * 1'000'000LL, {{"t", snapshot}}});
  }
  result.virtual_us = 8'000'000;  // three quiet seconds after the last change
  result.messages.push_back(LinkMessage{1000, "t", "serial", "", "READ", true, false, ""});
  result.messages.push_back(LinkMessage{2000, "t", "serial", "", "ROOM=27.0", false, false, ""});
  return result;
}

std::string report(const ScenarioResult& result, const FamilyRegistry& families) {
  std::ostringstream out;
  write_html(out, {result}, families);
  return out.str();
}

TEST(HtmlReport, AChartOfTheRowsSeriesWithTicksAndALegend) {
  const std::string html = report(cooling_room(), thermometers());
  EXPECT_NE(html.find("<figcaption>t: temperature (C)</figcaption>"), std::string::npos);
  const std::size_t legend = html.find("class=\"legend\"");
  ASSERT_NE(legend, std::string::npos);
  EXPECT_NE(html.find(">room</text>", legend), std::string::npos);
  EXPECT_NE(html.find(">outside</text>", legend), std::string::npos);
  EXPECT_NE(html.find("class=\"value-ticks\""), std::string::npos);
  EXPECT_NE(html.find(">time (s)</text>"), std::string::npos);
}

TEST(HtmlReport, TheTimeAxisRunsToTheEndOfTheRun) {
  const std::string html = report(cooling_room(), thermometers());
  const std::size_t ticks = html.find("class=\"time-ticks\"");
  ASSERT_NE(ticks, std::string::npos);
  const std::string axis = html.substr(ticks, html.find("axis-title", ticks) - ticks);
  EXPECT_NE(axis.find(">8</text>"), std::string::npos) << "samples end at 5 s, the run at 8 s";
  EXPECT_EQ(axis.find(">9</text>"), std::string::npos);
}

TEST(HtmlReport, TheTimelinesArrowsHaveALegend) {
  const std::string html = report(cooling_room(), thermometers());
  const std::size_t legend = html.find("class=\"timeline-legend\"");
  ASSERT_NE(legend, std::string::npos);
  EXPECT_LT(legend, html.find("<table class=\"timeline\""));
  EXPECT_NE(html.find("→ to the device", legend), std::string::npos);
  EXPECT_NE(html.find("← from the device", legend), std::string::npos);
  EXPECT_NE(html.find("<td title=\"to the device\">→</td>"), std::string::npos);
  EXPECT_NE(html.find("<td title=\"from the device\">←</td>"), std::string::npos);
}

TEST(HtmlReport, EachOfADevicesSoundsIsDrawnAfterItsCharts) {
  ScenarioResult result = cooling_room();
  signal::Waveform beep{5000, {{1'000'000, -100, 100}}};
  result.waveforms["t"] = {{"alarm", beep}, {"silence", signal::Waveform{5000, {}}}};
  const std::string html = report(result, thermometers());
  const std::size_t chart = html.find("<figcaption>t: temperature (C)</figcaption>");
  const std::size_t sound = html.find("<figcaption>t: alarm waveform</figcaption>");
  ASSERT_NE(sound, std::string::npos);
  EXPECT_LT(chart, sound);
  EXPECT_EQ(html.find("t: silence waveform"), std::string::npos) << "no sound, no chart";
}

TEST(HtmlReport, ADeviceOfNoKnownFamilyGetsNoChart) {
  ScenarioResult result = cooling_room();
  result.devices = nlohmann::json::parse(R"([{"name":"t","kind":"barometer"}])");
  EXPECT_EQ(report(result, thermometers()).find("<figure"), std::string::npos);
}

}  // namespace
}  // namespace hil::scenario
