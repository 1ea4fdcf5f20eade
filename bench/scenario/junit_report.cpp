// JUnit XML for CI systems.
#include "bench/scenario/junit_report.h"

#include <cstdio>

#include "bench/scenario/markup_escape.h"

namespace hil::scenario {
namespace {

std::string seconds(double ms) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", ms / 1000.0);
  return text;
}

}  // namespace

void write_junit(std::ostream& out, const std::vector<ScenarioResult>& results,
                 const std::string& suite_name) {
  std::size_t failures = 0;
  double total_ms = 0;
  for (const auto& result : results) {
    failures += result.passed ? 0 : 1;
    total_ms += result.wall_ms;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites tests=\"" << results.size() << "\" failures=\"" << failures << "\" time=\""
      << seconds(total_ms) << "\">\n  <testsuite name=\"" << escape_markup(suite_name)
      << "\" tests=\"" << results.size() << "\" failures=\"" << failures << "\" time=\""
      << seconds(total_ms) << "\">\n";
  for (const auto& result : results) {
    out << "    <testcase name=\"" << escape_markup(result.name) << "\" classname=\""
        << escape_markup(result.file) << "\" time=\"" << seconds(result.wall_ms) << "\"";
    if (result.passed) {
      out << "/>\n";
      continue;
    }
    const StepFailure& failure = *result.failure;
    out << ">\n      <failure message=\""
        << escape_markup(failure.where.to_string() + ": " + failure.message)
        << "\" type=\"StepFailed\">";
    std::string body = failure.where.to_string() + ": " + failure.message + "\n";
    if (!failure.expected.empty()) body += "expected: " + failure.expected + "\n";
    if (!failure.nearest.empty()) {
      body += "nearest actual messages:\n";
      for (const auto& line : failure.nearest) body += "  " + line + "\n";
    }
    out << escape_markup(body) << "</failure>\n    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace hil::scenario
