// What the HTML report's charts share.
#include "bench/scenario/chart_frame.h"

#include <cmath>

#include "bench/scenario/markup_escape.h"
#include "bench/scenario/series_style.h"

namespace hil::scenario::chart_frame {
namespace {

constexpr double kTickLength = 4;
constexpr int kTimeTicks = 8;

void write_value_axis(std::ostream& out, const Frame& frame, int parts) {
  const Ticks ticks = nice_ticks(frame.values(), parts);
  out << "<g class=\"value-ticks\" font-size=\"11\" text-anchor=\"end\">";
  for (const double value : ticks.values) {
    const std::string y = crisp(frame.y(value));
    out << "<line x1=\"" << kLeft - kTickLength << "\" x2=\"" << kLeft + kPlotWidth << "\" y1=\""
        << y << "\" y2=\"" << y << "\" stroke=\"#e3e3e3\"/><text x=\"" << kLeft - kTickLength - 3
        << "\" y=\"" << coord(frame.y(value) + 4) << "\">" << tick_label(value, ticks.step)
        << "</text>";
  }
  out << "</g>";
}

void write_time_axis(std::ostream& out, const Frame& frame) {
  const TimeTicks ticks = time_ticks(frame.end_us(), kTimeTicks);
  out << "<g class=\"time-ticks\" font-size=\"11\" text-anchor=\"middle\">";
  for (const double value : ticks.ticks.values) {
    const std::string x = crisp(frame.x(value * ticks.unit.us));
    out << "<line x1=\"" << x << "\" x2=\"" << x << "\" y1=\"" << kTop << "\" y2=\""
        << kBottom + kTickLength << "\" stroke=\"#e3e3e3\"/><text x=\"" << x << "\" y=\""
        << kBottom + 16 << "\">" << tick_label(value, ticks.ticks.step) << "</text>";
  }
  out << "<text class=\"axis-title\" x=\"" << kLeft + kPlotWidth / 2 << "\" y=\"" << kBottom + 32
      << "\">time (" << ticks.unit.name << ")</text></g>";
}

}  // namespace

std::string crisp(double value) { return coord(std::floor(value) + 0.5); }

void open_figure(std::ostream& out, const std::string& title, double height) {
  const std::string escaped = escape_markup(title);
  out << "<figure class=\"chart\"><figcaption>" << escaped
      << "</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth
      << "\" height=\"" << height << "\" viewBox=\"0 0 " << kWidth << ' ' << height
      << "\" role=\"img\" aria-label=\"" << escaped << "\"><rect class=\"plot-area\" x=\"" << kLeft
      << "\" y=\"" << kTop << "\" width=\"" << kPlotWidth << "\" height=\"" << kPlotHeight
      << "\" fill=\"#fcfcfd\"/>";
}

void write_axes(std::ostream& out, const Frame& frame, int value_parts) {
  write_value_axis(out, frame, value_parts);
  write_time_axis(out, frame);
}

void write_border(std::ostream& out) {
  out << "<rect x=\"" << kLeft + 0.5 << "\" y=\"" << kTop + 0.5 << "\" width=\"" << kPlotWidth - 1
      << "\" height=\"" << kPlotHeight - 1 << "\" fill=\"none\" stroke=\"#999\"/>";
}

void close_figure(std::ostream& out) { out << "</svg></figure>\n"; }

}  // namespace hil::scenario::chart_frame
