// `hilbench replay TRACE [--target FILE] [options]`: feeds a trace's inputs, with their timing, to
// simulated devices (or a target's) and diffs what comes back against the recorded outputs.
// Exit 0 when equal, 1 with the differences, 2 for bad input.
#include <boost/program_options.hpp>
#include <iostream>

#include "bench/cli/commands.h"
#include "bench/cli/parse_options.h"
#include "bench/cli/qemu_target_boards.h"
#include "bench/log/logger.h"
#include "bench/scenario/replay.h"
#include "bench/scenario/target_file.h"
#include "firmware_core/common/text.h"

namespace po = boost::program_options;

namespace hil::cli {
namespace {

// Each output is compared with this many around it: beyond this the diff would be all search.
constexpr std::size_t kMaxReorderWindow = 10000;

}  // namespace

int replay_command(const std::vector<std::string>& args) {
  std::string trace_file, target_file;
  double time_scale = 1.0;
  std::int64_t latency_ms = 200;
  std::uint64_t seed = 0;
  scenario::ReplayOptions options;
  CommandFlags flags("replay", "hilbench replay TRACE [options]");
  flags.add()("trace", po::value(&trace_file), "the trace (JSON Lines) to replay")(
      "target", text(&target_file)->not_empty(),
      "replay against the real connections this target file names")(
      "time-scale", time_scale_number(&time_scale)->default_value(1.0),
      "with --target: device seconds per wall second")("latency-ms",
                                                       span_ms(&latency_ms)->default_value(200),
                                                       "with --target: wall ms an answer may take")(
      "seed", number(&seed), "seed of the simulated devices (default: the trace's)")(
      "ignore", po::value(&options.diff.ignore_paths),
      "a JSON path never compared (repeatable), e.g. result.ip")(
      "time-tolerance-ms", span_ms(&options.diff.time_tolerance_ms)->default_value(50),
      "how far measured times (actual_ms, started_ms, uptime) may differ")(
      "telemetry-window-ms", span_ms(&options.diff.telemetry_window_ms)->default_value(2000),
      "how near in time a status/config payload must reappear")(
      "reorder-window",
      number(&options.diff.reorder_window)->at_most(kMaxReorderWindow)->default_value(4),
      "how far a message may move within its stream");
  flags.take_words("trace", 1);
  if (const auto done = flags.parse(args)) return *done;
  if (trace_file.empty()) return flags.refuse("give a trace file");
  for (const char* flag : {"time-scale", "latency-ms"}) {
    if (flags.given(flag) && target_file.empty())
      return flags.refuse("--" + std::string(flag) + " goes with --target");
  }
  if (flags.given("seed")) options.seed = seed;
  bench::LogSink log_sink(std::cerr, flags.log_level());  // the target's links log here
  // A target's QEMU boards, ended when the command returns.
  QemuTargetBoards qemu_boards(bench::Logger(log_sink, "target"), flags.log_level());
  if (!target_file.empty()) {
    auto target = scenario::load_target(target_file);
    if (const auto* error = std::get_if<scenario::LoadError>(&target))
      return flags.refuse(error->to_string());
    auto& loaded = std::get<scenario::Target>(target);
    loaded.log = bench::Logger(log_sink, "target");
    std::string error;
    if (!qemu_boards.start(loaded, error)) {
      loaded.log.error(error);
      return 1;
    }
    options.make_session = scenario::target_sessions(std::move(loaded), time_scale, latency_ms);
  }
  auto read = scenario::read_trace(trace_file);
  if (const auto* error = std::get_if<scenario::LoadError>(&read))
    return flags.refuse(error->to_string());
  const auto& trace = std::get<scenario::Trace>(read);
  if (trace.cut_short) bench::Logger(log_sink, "replay").warning(trace.cut_short->to_string());
  const auto result = scenario::replay_trace(trace, options);
  if (!result.error.empty()) return flags.refuse(result.error);
  for (const auto& difference : result.differences) {
    std::cout << "@ " << difference.time_us / 1000 << " ms  " << core::printable(difference.stream)
              << "\n    " << core::printable(difference.text) << '\n';
  }
  std::cout << result.inputs << " inputs replayed, " << result.expected_outputs
            << " outputs expected, " << result.actual.size() << " seen: "
            << (result.differences.empty()
                    ? "no differences"
                    : std::to_string(result.differences.size()) + " differences")
            << '\n';
  return result.differences.empty() ? 0 : 1;
}

}  // namespace hil::cli
