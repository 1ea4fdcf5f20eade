// Protocol-aware comparison of what devices said against what a trace says they said: generated
// ids ignored, measured times within a tolerance, telemetry matched by content near the same time,
// responses allowed to move a little within their stream.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bench/scenario/device.h"

namespace hil::scenario {

struct DiffOptions {
  std::int64_t time_tolerance_ms = 50;  // durations (actual_ms) and timestamps (started_ms, uptime)
  std::int64_t telemetry_window_ms = 2000;  // a status/config payload must appear this near in time
  std::size_t reorder_window = 4;           // how far a message may move within its stream
  // Telemetry sampled mid-move or mid-second depends on the sampling instant: positions and
  // budgets in status payloads compare within these.
  std::int64_t position_tolerance_steps = 50;
  double budget_tolerance_s = 1.0;
  std::vector<std::string> ignore_paths;  // JSON paths (dot separated) never compared
};

struct Difference {
  std::int64_t time_us = 0;  // when it was expected (or seen, for an unexpected message)
  std::string stream;        // device link [topic]
  std::string text;          // what differs, readable
};

std::vector<Difference> diff_outputs(const std::vector<LinkMessage>& expected,
                                     const std::vector<LinkMessage>& actual,
                                     const DiffOptions& options);

}  // namespace hil::scenario
