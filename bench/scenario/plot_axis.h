// The scales of the HTML report's plots: a value range that fits the data, ticks at 1-2-5 steps
// and time ticks in a unit that suits the run.
#pragma once

#include <string>
#include <vector>

namespace hil::scenario {

struct AxisRange {
  double low = 0;
  double high = 1;
};

struct Ticks {
  double step = 1;
  std::vector<double> values;  // the multiples of step within the range, ascending
};

// What a value axis shows for data from `low` to `high`: the data and a margin on each side, so
// that no curve lies on the frame; constant data in the middle.
AxisRange value_range(double low, double high);

// The step of 1, 2 or 5 times a power of ten that cuts `span` into about `parts` parts (nearest by
// ratio: 10.4 into 5 gives steps of 2, not 2.08 parts of 5).
double nice_step(double span, int parts);

// The multiples of nice_step(high - low, parts) from `low` to `high`.
Ticks nice_ticks(AxisRange range, int parts);

// A tick's value with as many decimals as its step needs ("0.5", "25", "-3000").
std::string tick_label(double value, double step);

struct TimeUnit {
  std::string name;  // "ms", "s", "min", "h"
  double us = 1;     // microseconds in one unit
};

// The unit in which a run of `span_us` reads best: ms under 2 s, s under 2 min, min under 2 h,
// else h.
TimeUnit time_unit(double span_us);

struct TimeTicks {
  TimeUnit unit;
  Ticks ticks;  // in the unit, from 0 to the end of the span
};

// Ticks for a time axis from 0 to `span_us`, about `parts` steps apart.
TimeTicks time_ticks(double span_us, int parts);

}  // namespace hil::scenario
