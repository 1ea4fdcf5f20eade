// Replays a trace: its inputs, with their timing, go to devices again (simulated, or a target's),
// and what comes back is compared with the outputs the trace recorded.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bench/scenario/session.h"
#include "bench/scenario/trace_diff.h"
#include "bench/scenario/trace_reader.h"

namespace hil::scenario {

struct ReplayOptions {
  DiffOptions diff;
  std::optional<std::uint64_t> seed;  // default: the trace's own
  // Where the devices are; empty: simulated devices on virtual time.
  std::function<std::unique_ptr<Session>(const SessionOptions&)> make_session;
};

struct ReplayResult {
  std::string error;  // non-empty: the replay could not run (a device could not be made)
  std::size_t inputs = 0;
  std::size_t expected_outputs = 0;
  std::vector<LinkMessage> actual;  // what the devices said this time
  std::vector<Difference> differences;
};

ReplayResult replay_trace(const Trace& trace, const ReplayOptions& options);

}  // namespace hil::scenario
