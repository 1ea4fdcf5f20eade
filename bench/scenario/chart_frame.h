// What the HTML report's charts share: their size, where a time and a value land in the picture,
// the axes with their ticks, and the frame around the plot.
#pragma once

#include <ostream>
#include <string>

#include "bench/scenario/plot_axis.h"

namespace hil::scenario::chart_frame {

inline constexpr double kWidth = 900;
inline constexpr double kLeft = 64;  // room for the value labels
inline constexpr double kRight = 16;
inline constexpr double kTop = 10;
inline constexpr double kPlotHeight = 200;
inline constexpr double kPlotWidth = kWidth - kLeft - kRight;
inline constexpr double kBottom = kTop + kPlotHeight;
inline constexpr double kAxisBottom = kBottom + 40;  // below the time axis and its title
inline constexpr double kShortestUs = 1000;  // a run that ended at once still gets a 1 ms axis

// A 1 px line on a pixel's centre is one sharp pixel wide, not two blurred ones.
std::string crisp(double value);

// Where data lands in the picture.
class Frame {
 public:
  Frame(AxisRange values, double end_us) : values_(values), end_us_(end_us) {}
  double x(double time_us) const { return kLeft + time_us / end_us_ * kPlotWidth; }
  double time_at(double x) const { return (x - kLeft) / kPlotWidth * end_us_; }
  double y(double value) const {
    return kTop + (values_.high - value) / (values_.high - values_.low) * kPlotHeight;
  }
  const AxisRange& values() const { return values_; }
  double end_us() const { return end_us_; }

 private:
  AxisRange values_;
  double end_us_;
};

// <figure>, its caption, the <svg> of `height` px and the plot's background.
void open_figure(std::ostream& out, const std::string& title, double height);
// The value axis (about `parts` ticks with grid lines) and the time axis with its title.
void write_axes(std::ostream& out, const Frame& frame, int value_parts);
// The line around the plot, drawn over what is in it.
void write_border(std::ostream& out);
void close_figure(std::ostream& out);

}  // namespace hil::scenario::chart_frame
