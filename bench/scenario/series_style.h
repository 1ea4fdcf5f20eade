// How the report's charts tell series apart: a colour, a dash pattern and a marker shape each,
// drawn alike on a chart's lines and in its legend.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

namespace hil::scenario {

struct SeriesStyle {
  const char* color;
  const char* dash;    // an SVG stroke-dasharray; "" for a solid line
  std::size_t marker;  // one of kMarkerShapes
};

constexpr std::size_t kMarkerShapes = 8;

// The style of a chart's index-th series: no two of a chart's series look alike.
SeriesStyle style_of(std::size_t index);

// A number for an SVG attribute, to a tenth of a pixel.
std::string coord(double value);

// The stroke attributes of a series' line (fill none, colour, width, dashes).
void write_stroke(std::ostream& out, const SeriesStyle& style);

// The series' marker centred on (x, y).
void write_marker(std::ostream& out, const SeriesStyle& style, double x, double y);

}  // namespace hil::scenario
