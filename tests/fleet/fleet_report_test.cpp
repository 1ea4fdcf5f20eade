#include <gtest/gtest.h>

#include <sstream>

#include "bench/fleet/fleet_commander.h"
#include "bench/fleet/fleet_html.h"

namespace hil::bench {
namespace {

TEST(RoundTripHistogram, PercentilesAreWithinTheBucketWidthOfTheExactOnes) {
  RoundTripHistogram histogram;
  for (int i = 1; i <= 1000; ++i) histogram.add(i * 0.01);  // 0.01 ms .. 10 ms
  const RoundTripPercentiles p = histogram.percentiles();
  EXPECT_EQ(p.count, 1000U);
  EXPECT_NEAR(p.p50, 5.0, 5.0 * 0.02);
  EXPECT_NEAR(p.p90, 9.0, 9.0 * 0.02);
  EXPECT_NEAR(p.p99, 9.9, 9.9 * 0.02);
}

TEST(RoundTripHistogram, IsEmptyAfterClearAndHoldsTheExtremes) {
  RoundTripHistogram histogram;
  EXPECT_EQ(histogram.percentiles().p50, 0.0);
  histogram.add(0.0);  // below the first bucket: counted in it
  histogram.add(1e9);  // past the last: counted in it
  EXPECT_EQ(histogram.percentiles().count, 2U);
  EXPECT_LT(histogram.percentiles().p50, 0.01);
  EXPECT_GT(histogram.percentiles().p99, 1e4);
  histogram.clear();
  EXPECT_EQ(histogram.percentiles().count, 0U);
}

TEST(FleetHistory, DropsEveryOtherSamplePastItsLimitAndKeepsTheLast) {
  FleetHistory history(8);
  for (int i = 0; i < 100; ++i) history.add(FleetSample{static_cast<double>(i)});
  EXPECT_LE(history.samples().size(), 9U);
  EXPECT_EQ(history.samples().front().seconds, 0.0);
  EXPECT_EQ(history.samples().back().seconds, 99.0);
}

TEST(FleetHtml, DrawsTheFourChartsAndEscapesTheTable) {
  FleetHistory history;
  for (int i = 0; i < 5; ++i) {
    FleetSample sample;
    sample.seconds = i;
    sample.connected = 10;
    sample.round_trip_p50_ms = 0.2;
    sample.has_round_trips = true;
    history.add(sample);
  }
  std::ostringstream out;
  write_fleet_html(out, "fleet <1>", {{"kind", "a<b"}, {"connected", 10}}, history);
  const std::string page = out.str();
  EXPECT_NE(page.find("<title>fleet &lt;1&gt;</title>"), std::string::npos);
  EXPECT_NE(page.find("a&lt;b"), std::string::npos);
  std::size_t charts = 0;
  for (std::size_t at = page.find("<svg"); at != std::string::npos; at = page.find("<svg", at + 1))
    ++charts;
  EXPECT_EQ(charts, 4U);
  EXPECT_NE(page.find("Command round trip (ms)"), std::string::npos);
}

}  // namespace
}  // namespace hil::bench
