// A sound's waveform in the HTML report.
#include "bench/scenario/waveform_chart.h"

#include <algorithm>
#include <cmath>

#include "bench/scenario/chart_frame.h"
#include "bench/scenario/series_style.h"

namespace hil::scenario {
namespace {

using namespace chart_frame;

constexpr double kFullScale = 32768;
constexpr int kValueTicks = 4;  // -1, -0.5, 0, 0.5, 1

// One bar: the extremes of the buckets that fall in its columns.
struct Bar {
  double x0;
  double x1;
  double low;
  double high;
};

// The buckets as bars at least a pixel wide, neighbours in one pixel column merged: a run's
// thousands of buckets become at most one bar a column.
std::vector<Bar> bars_of(const signal::Waveform& waveform, const Frame& frame) {
  std::vector<Bar> bars;
  const auto width_us = static_cast<double>(waveform.bucket_us);
  for (const signal::WaveformBucket& bucket : waveform.buckets) {
    const auto start = static_cast<double>(bucket.start_us);
    const double x0 = frame.x(start);
    const double x1 = std::max(x0 + 1, frame.x(std::min(start + width_us, frame.end_us())));
    const double low = bucket.low / kFullScale;
    const double high = bucket.high / kFullScale;
    if (!bars.empty() && std::floor(x0) == std::floor(bars.back().x0)) {  // the same column
      Bar& last = bars.back();
      last.x1 = std::max(last.x1, x1);
      last.low = std::min(last.low, low);
      last.high = std::max(last.high, high);
      continue;
    }
    bars.push_back({x0, x1, low, high});
  }
  return bars;
}

}  // namespace

void write_waveform_chart(std::ostream& out, const std::string& title,
                          const signal::Waveform& waveform, double end_us) {
  if (waveform.buckets.empty()) return;
  end_us = std::max({end_us, kShortestUs,
                     static_cast<double>(waveform.buckets.back().start_us + waveform.bucket_us)});
  const Frame frame(AxisRange{-1, 1}, end_us);
  open_figure(out, title, kAxisBottom + 8);
  write_axes(out, frame, kValueTicks);
  out << "<path class=\"waveform\" fill=\"" << style_of(0).color << "\" d=\"";
  for (const Bar& bar : bars_of(waveform, frame)) {
    // A bar at least a pixel tall: a quiet stretch still shows where there was sound.
    const double top = frame.y(bar.high);
    const double bottom = std::max(frame.y(bar.low), top + 1);
    out << 'M' << coord(bar.x0) << ' ' << coord(top) << 'H' << coord(bar.x1) << 'V' << coord(bottom)
        << 'H' << coord(bar.x0) << 'Z';
  }
  out << "\"><title>samples, as a fraction of full scale</title></path>";
  write_border(out);
  close_figure(out);
}

}  // namespace hil::scenario
