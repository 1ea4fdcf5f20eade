// Tests of the report's waveform charts, read back from their SVG: a bar per stretch of sound from
// its lowest to its highest sample, buckets within one pixel column drawn as one bar, and nothing
// where there was no sound.
#include "bench/scenario/waveform_chart.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

namespace hil::scenario {
namespace {

struct Bar {
  double x0, top, x1, bottom;
};

// The waveform path's d attribute is found without std::regex: libstdc++ matches `[^"]*` with one
// recursion a character, which overflows the stack on a path of 800 bars under AddressSanitizer.
std::vector<Bar> bars_in(const std::string& svg) {
  const std::size_t element = svg.find("class=\"waveform\"");
  const std::size_t start = svg.find(" d=\"", element);
  const std::size_t end = svg.find('"', start == std::string::npos ? start : start + 4);
  if (element == std::string::npos || start == std::string::npos || end == std::string::npos ||
      svg.find('>', element) < start) {
    ADD_FAILURE() << "no waveform in " << svg;
    return {};
  }
  std::vector<Bar> bars;
  const std::regex bar_re(R"(M([\d.]+) ([\d.]+)H([\d.]+)V([\d.]+)H[\d.]+Z)");
  const std::string d = svg.substr(start + 4, end - start - 4);
  for (auto m = std::sregex_iterator(d.begin(), d.end(), bar_re); m != std::sregex_iterator(); ++m)
    bars.push_back(
        {std::stod((*m)[1]), std::stod((*m)[2]), std::stod((*m)[3]), std::stod((*m)[4])});
  return bars;
}

std::string draw(const signal::Waveform& waveform, double end_us) {
  std::ostringstream out;
  write_waveform_chart(out, "board: speaker waveform", waveform, end_us);
  return out.str();
}

TEST(WaveformChart, EachStretchIsABarFromItsLowestToItsHighestSample) {
  // Half scale up and a quarter down in the first second of two; nothing in the second.
  signal::Waveform wave{500'000, {{0, -8192, 16384}, {500'000, 0, 0}}};
  const std::string svg = draw(wave, 2'000'000);
  EXPECT_NE(svg.find("<figcaption>board: speaker waveform</figcaption>"), std::string::npos);
  const std::vector<Bar> bars = bars_in(svg);
  ASSERT_EQ(bars.size(), 2u);
  const double plot_width = bars[1].x0 - bars[0].x0;  // a quarter of it: 0.5 s of 2 s
  EXPECT_NEAR(bars[0].x1, bars[1].x0, 0.1) << "neighbours abut";
  EXPECT_NEAR(bars[1].x1 - bars[1].x0, plot_width, 0.1);
  // Full scale spans the plot's 200 px: +0.5 is 50 px above the middle, -0.25 is 25 below.
  const double middle = bars[1].top;
  EXPECT_NEAR(middle - bars[0].top, 50, 0.1);
  EXPECT_NEAR(bars[0].bottom - middle, 25, 0.1);
  EXPECT_NEAR(bars[1].bottom - bars[1].top, 1, 0.01) << "silence still shows, a pixel tall";
}

TEST(WaveformChart, BucketsInOnePixelColumnAreOneBar) {
  signal::Waveform wave{5000, {}};
  for (int i = 0; i < 2000; ++i)  // 10 s of 5 ms buckets over 836 px: about 2.4 a column
    wave.buckets.push_back(
        {i * 5000LL, static_cast<audio::Sample>(-i), static_cast<audio::Sample>(i)});
  const std::vector<Bar> bars = bars_in(draw(wave, 10'000'000));
  EXPECT_LE(bars.size(), 840u);
  EXPECT_GE(bars.size(), 800u);
  EXPECT_LT(bars.back().top, bars.front().top) << "the loudest column is the last";
}

TEST(WaveformChart, ASoundlessWaveformDrawsNothing) {
  EXPECT_EQ(draw(signal::Waveform{5000, {}}, 1'000'000), "");
}

}  // namespace
}  // namespace hil::scenario
