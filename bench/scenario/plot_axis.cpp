// The scales of the HTML report's plots.
#include "bench/scenario/plot_axis.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hil::scenario {
namespace {

constexpr double kMarginShare = 0.08;    // of the data's span, above and below it
constexpr double kConstantShare = 0.1;   // of a constant's size, above and below it
constexpr double kRoundingSlack = 1e-9;  // relative: 0.1 * 3 is still 0.3 here
constexpr double kMinutesUs = 60e6;
constexpr double kHoursUs = 3600e6;

}  // namespace

AxisRange value_range(double low, double high) {
  const double span = high - low;
  if (span > kRoundingSlack * std::max(std::abs(low), std::abs(high))) {
    return {low - kMarginShare * span, high + kMarginShare * span};
  }
  const double half = low == 0 ? 1 : kConstantShare * std::abs(low);
  return {low - half, low + half};
}

double nice_step(double span, int parts) {
  if (!(span > 0) || parts < 1) return 1;
  const double rough = span / parts;
  const double power = std::pow(10, std::floor(std::log10(rough)));
  double best = power;
  for (const double factor : {2.0, 5.0, 10.0}) {
    // rough / step is how far the count of parts is from the one asked for, as a ratio.
    if (std::abs(std::log(rough / (factor * power))) < std::abs(std::log(rough / best)))
      best = factor * power;
  }
  return best;
}

Ticks nice_ticks(AxisRange range, int parts) {
  Ticks ticks;
  ticks.step = nice_step(range.high - range.low, parts);
  // Counted in whole steps so that 0.1 + 0.1 + 0.1 does not drift past a label.
  const auto first = static_cast<long long>(std::ceil(range.low / ticks.step - kRoundingSlack));
  const auto last = static_cast<long long>(std::floor(range.high / ticks.step + kRoundingSlack));
  for (long long k = first; k <= last; ++k)
    ticks.values.push_back(k == 0 ? 0 : static_cast<double>(k) * ticks.step);
  return ticks;
}

std::string tick_label(double value, double step) {
  const int decimals =
      std::max(0, static_cast<int>(-std::floor(std::log10(step) + kRoundingSlack)));
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  const std::string label = text;
  // "-0" and "-0.0" are a zero that came from a tiny negative.
  return label.find_first_not_of("-0.") == std::string::npos ? label.substr(label[0] == '-')
                                                             : label;
}

TimeUnit time_unit(double span_us) {
  if (span_us < 2e6) return {"ms", 1e3};
  if (span_us < 2 * kMinutesUs) return {"s", 1e6};
  if (span_us < 2 * kHoursUs) return {"min", kMinutesUs};
  return {"h", kHoursUs};
}

TimeTicks time_ticks(double span_us, int parts) {
  TimeTicks result{time_unit(span_us), {}};
  result.ticks = nice_ticks({0, span_us / result.unit.us}, parts);
  return result;
}

}  // namespace hil::scenario
