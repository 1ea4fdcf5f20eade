// `hilbench replay TRACE [--target FILE] [options]`: feeds a trace's inputs, with their timing, to
// simulated devices (or a target's) and diffs what comes back against the recorded outputs.
// Exit 0 when equal, 1 with the differences, 2 for bad input.
#include <boost/program_options.hpp>
#include <iostream>

#include "bench/cli/commands.h"
#include "bench/scenario/replay.h"
#include "bench/scenario/target_file.h"

namespace po = boost::program_options;

namespace hil::cli {

int replay_command(const std::vector<std::string>& args) {
  std::string trace_file, target_file;
  double time_scale = 1.0;
  std::int64_t latency_ms = 200;
  std::uint64_t seed = 0;
  scenario::ReplayOptions options;
  po::options_description desc("hilbench replay options");
  desc.add_options()("help,h", "show this help")("trace", po::value(&trace_file),
                                                 "the trace (JSON Lines) to replay")(
      "target", po::value(&target_file),
      "replay against the real connections this target file names")(
      "time-scale", po::value(&time_scale)->default_value(1.0),
      "with --target: device seconds per wall second")("latency-ms",
                                                       po::value(&latency_ms)->default_value(200),
                                                       "with --target: wall ms an answer may take")(
      "seed", po::value(&seed), "seed of the simulated devices (default: the trace's)")(
      "ignore", po::value(&options.diff.ignore_paths),
      "a JSON path never compared (repeatable), e.g. result.ip")(
      "time-tolerance-ms", po::value(&options.diff.time_tolerance_ms)->default_value(50),
      "how far measured times (actual_ms, started_ms, uptime) may differ")(
      "telemetry-window-ms", po::value(&options.diff.telemetry_window_ms)->default_value(2000),
      "how near in time a status/config payload must reappear")(
      "reorder-window", po::value(&options.diff.reorder_window)->default_value(4),
      "how far a message may move within its stream");
  po::positional_options_description positional;
  positional.add("trace", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(desc).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "hilbench replay: " << e.what() << "\n" << desc;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << "usage: hilbench replay TRACE [options]\n" << desc;
    return 0;
  }
  if (trace_file.empty()) {
    std::cerr << "hilbench replay: give a trace file\n";
    return 2;
  }
  if (vm.count("seed")) options.seed = seed;
  if (!target_file.empty()) {
    auto target = scenario::load_target(target_file);
    if (const auto* error = std::get_if<scenario::LoadError>(&target)) {
      std::cerr << "hilbench replay: " << error->to_string() << '\n';
      return 2;
    }
    options.make_session = scenario::target_sessions(std::get<scenario::Target>(std::move(target)),
                                                     time_scale, latency_ms);
  }
  auto read = scenario::read_trace(trace_file);
  if (const auto* error = std::get_if<scenario::LoadError>(&read)) {
    std::cerr << "hilbench replay: " << error->to_string() << '\n';
    return 2;
  }
  const auto result = scenario::replay_trace(std::get<scenario::Trace>(read), options);
  if (!result.error.empty()) {
    std::cerr << "hilbench replay: " << result.error << '\n';
    return 2;
  }
  for (const auto& difference : result.differences) {
    std::cout << "@ " << difference.time_us / 1000 << " ms  " << difference.stream << "\n    "
              << difference.text << '\n';
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
