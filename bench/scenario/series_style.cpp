// How the report's charts tell series apart.
#include "bench/scenario/series_style.h"

#include <cstdio>
#include <utility>
#include <vector>

namespace hil::scenario {
namespace {

constexpr double kMarkerRadius = 3.5;

// Colours of Matplotlib's "tab10" cycle; dashes and markers tell apart what lies on one line.
const char* const kColors[kMarkerShapes] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
                                            "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};
const char* const kDashes[kMarkerShapes] = {"",    "7 3",  "2 2", "9 3 2 3",
                                            "4 4", "12 4", "1 3", "6 2 2 2 2 2"};
// Marker outlines in units of kMarkerRadius; the first, empty, is a circle.
const std::vector<std::pair<double, double>> kOutlines[kMarkerShapes] = {
    {},
    {{-0.9, -0.9}, {0.9, -0.9}, {0.9, 0.9}, {-0.9, 0.9}},
    {{0, -1.3}, {1.3, 0}, {0, 1.3}, {-1.3, 0}},
    {{0, -1.35}, {1.2, 0.9}, {-1.2, 0.9}},
    {{0, 1.35}, {1.2, -0.9}, {-1.2, -0.9}},
    {{1.35, 0}, {-0.9, 1.2}, {-0.9, -1.2}},
    {{-1.35, 0}, {0.9, 1.2}, {0.9, -1.2}},
    {{1.1, 0}, {0.55, 0.95}, {-0.55, 0.95}, {-1.1, 0}, {-0.55, -0.95}, {0.55, -0.95}}};

}  // namespace

// Past kMarkerShapes series the dashes shift against the colours and markers.
SeriesStyle style_of(std::size_t index) {
  return {kColors[index % kMarkerShapes], kDashes[(index + index / kMarkerShapes) % kMarkerShapes],
          index % kMarkerShapes};
}

std::string coord(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

void write_stroke(std::ostream& out, const SeriesStyle& style) {
  out << " fill=\"none\" stroke=\"" << style.color << "\" stroke-width=\"1.75\"";
  if (*style.dash) out << " stroke-dasharray=\"" << style.dash << "\"";
}

void write_marker(std::ostream& out, const SeriesStyle& style, double x, double y) {
  // A white rim keeps a marker apart from the lines under it.
  const char* const paint = "\" stroke=\"#fff\" stroke-width=\"0.75\"/>";
  const auto& outline = kOutlines[style.marker];
  if (outline.empty()) {
    out << "<circle cx=\"" << coord(x) << "\" cy=\"" << coord(y) << "\" r=\"" << kMarkerRadius
        << "\" fill=\"" << style.color << paint;
    return;
  }
  out << "<polygon points=\"";
  for (const auto& [dx, dy] : outline)
    out << coord(x + dx * kMarkerRadius) << ',' << coord(y + dy * kMarkerRadius) << ' ';
  out << "\" fill=\"" << style.color << paint;
}

}  // namespace hil::scenario
