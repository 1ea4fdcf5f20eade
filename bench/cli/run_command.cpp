// `hilbench run FILE|DIR... [--seed N] [--realtime] [--target FILE] [--time-scale X] [--junit FILE]
// [--html FILE] [--record FILE] [--vcd FILE] [--shard I/N]`: scenarios against simulated devices on
// virtual time (held to the wall clock with --realtime), or against the real connections of a
// target file on the wall clock; with --shard, only the files of one shard of the suite. Traces and
// dumps are written as the run goes. Exit 0 all passed, 1 a scenario failed, 2 bad input or a file
// that could not be written whole (a full disk).
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "bench/cli/commands.h"
#include "bench/cli/parse_options.h"
#include "bench/cli/qemu_target_boards.h"
#include "bench/scenario/html_report.h"
#include "bench/scenario/junit_report.h"
#include "bench/scenario/paced_session_clock.h"
#include "bench/scenario/progress_bar.h"
#include "bench/scenario/scenario_loader.h"
#include "bench/scenario/suite_shard.h"
#include "bench/scenario/target_file.h"
#include "bench/scenario/trace_writer.h"
#include "bench/scenario/vcd_writer.h"
#include "firmware_core/common/text.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace hil::cli {
namespace {

void print_result(const scenario::ScenarioResult& result, std::size_t index, std::size_t count) {
  std::cout << "[" << index << "/" << count << "] " << (result.passed ? "PASS " : "FAIL ")
            << result.name << "  (" << result.steps_run << " steps, " << result.virtual_us / 1000
            << " ms virtual, " << static_cast<long>(result.wall_ms) << " ms wall)\n";
  if (result.passed) return;
  // What a device sent is quoted here: its control characters are shown, not obeyed.
  const auto& failure = *result.failure;
  std::cout << "      " << failure.where.to_string() << ": " << core::printable(failure.message)
            << '\n';
  if (!failure.expected.empty())
    std::cout << "      expected: " << core::printable(failure.expected) << '\n';
  for (const auto& line : failure.nearest)
    std::cout << "      seen:     " << core::printable(line) << '\n';
}

// Where the trace (or dump) of one scenario goes: the file itself, or a file per scenario in a
// directory.
std::string trace_path(const std::string& record, const std::string& scenario_file, bool many,
                       const char* extension = ".jsonl") {
  if (!many) return record;
  return (fs::path(record) / (fs::path(scenario_file).stem().string() + extension)).string();
}

// On a terminal, a progress line stays below the results while a suite runs; in logs, nothing.
class Progress {
 public:
  explicit Progress(std::size_t total)
      : total_(total), shown_(total > 1 && isatty(STDOUT_FILENO) == 1) {}
  void running(std::size_t done, std::size_t failed, const std::string& name) {
    if (shown_)
      std::cout << "\r\033[K" << scenario::progress_line(done, total_, failed, name) << std::flush;
  }
  void clear() {
    if (shown_) std::cout << "\r\033[K" << std::flush;
  }

 private:
  std::size_t total_;
  bool shown_;
};

// What is wrong with --shard's value ("" when it names a shard).
std::string shard_problem(const std::string& text) {
  const auto parsed = scenario::parse_suite_shard(text);
  const auto* problem = std::get_if<std::string>(&parsed);
  return problem != nullptr ? *problem : std::string();
}

// The files of the shard --shard names (all of them without it), and a line saying how many.
std::vector<std::string> shard_files(const std::vector<std::string>& collected,
                                     const std::string& shard_text) {
  if (shard_text.empty()) return collected;
  const auto shard = std::get<scenario::SuiteShard>(scenario::parse_suite_shard(shard_text));
  auto files = scenario::files_of_shard(collected, shard);
  std::cout << "shard " << shard.index << "/" << shard.count << ": " << files.size() << " of "
            << collected.size() << " scenario files";
  // An empty shard passes: with a count close to the number of files some shards get none, and
  // every machine of a split runs the same command line.
  std::cout << (files.empty() ? ", nothing to run\n" : "\n");
  return files;
}

// Opens a file to write, making its folder; says why not.
bool open_output(std::fstream& out, const std::string& path,
                 std::ios::openmode mode = std::ios::out | std::ios::trunc) {
  if (fs::path(path).has_parent_path()) {
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
  }
  out.open(path, mode);
  if (out) return true;
  usage_error("run", "cannot write " + path + ": " + std::strerror(errno));
  return false;
}

bool write_file(const std::string& path, const std::function<void(std::ostream&)>& write) {
  std::fstream out;
  if (!open_output(out, path)) return false;
  write(out);
  out.flush();
  if (out) return true;
  usage_error("run", "cannot write " + path + ": " + std::strerror(errno));
  return false;
}

// A scratch file in the temporary folder, already unlinked: gone once closed, whatever happens.
bool open_scratch(std::fstream& out) {
  std::string name = (fs::temp_directory_path() / "hilbench-XXXXXX").string();
  const int fd = mkstemp(name.data());
  if (fd < 0) {
    usage_error("run", "cannot make a scratch file in " + fs::temp_directory_path().string() +
                           ": " + std::strerror(errno));
    return false;
  }
  out.open(name, std::ios::in | std::ios::out | std::ios::trunc);
  close(fd);
  std::error_code ignored;
  fs::remove(name, ignored);
  if (out) return true;
  usage_error("run", "cannot open the scratch file " + name + ": " + std::strerror(errno));
  return false;
}

// What a scenario's run writes as it goes (its trace, its dump), and what the report keeps of it.
class RunOutputs {
 public:
  // Opens the files and hands the run their writers; false (said why) when one cannot be opened.
  bool open(const std::string& trace, const std::string& vcd, bool report, std::uint64_t seed,
            scenario::RunOptions& options) {
    options.observers.clear();
    if (!trace.empty()) {
      trace_path_ = trace;
      if (!open_output(trace_file_, trace)) return false;
      trace_ = std::make_unique<scenario::TraceStream>(trace_file_, seed);
      options.observers.push_back(trace_.get());
    }
    if (!vcd.empty()) {
      vcd_path_ = vcd;
      if (!open_output(vcd_file_, vcd) || !open_scratch(vcd_body_)) return false;
      vcd_ = std::make_unique<scenario::VcdStream>(vcd_file_, vcd_body_);
      options.observers.push_back(vcd_.get());
    }
    if (report) options.observers.push_back(&report_);
    return true;
  }
  // Puts what the report needs into the result; false when a file could not be written whole.
  bool finish(scenario::ScenarioResult& result) {
    report_.fill(result);
    bool whole = true;
    if (trace_ && !trace_->failure().empty()) {
      usage_error("run", "cannot write the trace " + trace_path_ + ": " + trace_->failure());
      whole = false;
    }
    if (vcd_ && !vcd_->failure().empty()) {
      usage_error("run", "cannot write the dump " + vcd_path_ + ": " + vcd_->failure());
      whole = false;
    }
    return whole;
  }

 private:
  std::string trace_path_, vcd_path_;
  std::fstream trace_file_, vcd_file_, vcd_body_;
  std::unique_ptr<scenario::TraceStream> trace_;
  std::unique_ptr<scenario::VcdStream> vcd_;
  scenario::ReportCollector report_;
};

}  // namespace

int run_command(const std::vector<std::string>& args) {
  std::vector<std::string> paths;
  std::string junit, html, vcd, record, target_file, shard_text;
  double time_scale = 1.0;
  bool realtime = false;
  std::int64_t latency_ms = 200;
  scenario::RunOptions options;
  CommandFlags flags("run", "hilbench run FILE|DIR... [options]");
  flags.add()("list-kinds",
              "print the device kinds, their options and links as JSON (as `hilbench kinds`), and "
              "exit")("seed", number(&options.seed)->default_value(1),
                      "seed of ids, noise and faults: same seed, same trace")(
      "junit", text(&junit)->not_empty(), "write a JUnit XML report here")(
      "html", text(&html)->not_empty(),
      "write a self-contained HTML report (timeline and device plots) here")(
      "vcd", text(&vcd)->not_empty(),
      "write a Value Change Dump of device signals; a directory with several")(
      "realtime", po::bool_switch(&realtime),
      "hold simulated devices to the wall clock (time limits read as wall time)")(
      "target", text(&target_file)->not_empty(),
      "run against the real connections this target file names (wall time)")(
      "time-scale", time_scale_number(&time_scale)->default_value(1.0),
      "with --realtime or --target: device seconds per "
      "wall second (a target's devices must run so too)")(
      "latency-ms", span_ms(&latency_ms)->default_value(200),
      "with --target: wall ms every expect waits at least")(
      "sample-ms", span_ms(&options.sample_every_ms)->default_value(100),
      "device state sample period for reports (HTML plots, VCD), device ms; 0 for none")(
      "record", text(&record)->not_empty(),
      "write the trace (JSON Lines) here; a directory when running several scenarios")(
      "shard", text(&shard_text)->checked_by(shard_problem),
      "run only shard I of N (I/N, from 1): the files whose name hashes to I, as the pytest "
      "plugin's --hilbench-shard; reports hold that shard's scenarios")(
      "scenario", po::value(&paths), "scenario files or directories");
  flags.take_words("scenario");
  if (const auto done = flags.parse(args)) return *done;
  if (flags.given("list-kinds")) return print_kinds(false);
  if (paths.empty()) return flags.refuse("give at least one scenario file or directory");
  if (flags.given("time-scale") && target_file.empty() && !realtime) {
    return flags.refuse("--time-scale goes with --realtime or --target");
  }
  if (flags.given("latency-ms") && target_file.empty()) {
    return flags.refuse("--latency-ms goes with --target");
  }
  if (realtime && target_file.empty()) {
    options.make_session = [time_scale](const scenario::SessionOptions& session) {
      return scenario::Session::simulated(
          session, std::make_unique<scenario::PacedSessionClock>(time_scale));
    };
    options.wall_limit_ms =
        std::int64_t{3600} * 1000;  // the scenario's own limit, in device time, is what counts
  }
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
    options.wall_limit_ms =
        std::int64_t{3600} * 1000;  // the scenario's own limit, in device time, is what counts
  }
  auto expanded = scenario::expand_scenario_paths(paths);
  if (const auto* error = std::get_if<scenario::LoadError>(&expanded))
    return flags.refuse(error->to_string());
  const auto& collected = std::get<std::vector<std::string>>(expanded);
  const auto files = shard_files(collected, shard_text);
  // Traces and dumps go where an unsharded run puts them, however many files the shard holds.
  const bool many = collected.size() > 1;
  std::vector<scenario::Scenario> scenarios;
  for (const auto& file : files) {
    auto loaded = scenario::load_scenario(file);
    if (const auto* error = std::get_if<scenario::LoadError>(&loaded))
      return flags.refuse(error->to_string());
    scenarios.push_back(std::move(std::get<scenario::Scenario>(loaded)));
  }

  // Traces and dumps are written as the run goes, so a long run does not hold them in memory.
  options.keep_history = false;
  std::vector<scenario::ScenarioResult> results;
  std::size_t failed = 0;
  bool written = true;
  Progress progress(scenarios.size());
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    RunOutputs outputs;
    if (!outputs.open(record.empty() ? "" : trace_path(record, files[i], many),
                      vcd.empty() ? "" : trace_path(vcd, files[i], many, ".vcd"), !html.empty(),
                      options.seed, options))
      return 2;
    progress.running(i, failed, scenarios[i].name);
    results.push_back(scenario::run_scenario(scenarios[i], options));
    auto& result = results.back();
    failed += result.passed ? 0 : 1;
    progress.clear();
    print_result(result, i + 1, scenarios.size());
    written = outputs.finish(result) && written;  // the other scenarios still run
  }
  options.observers.clear();
  if (!junit.empty() && !write_file(junit, [&](std::ostream& out) {
        scenario::write_junit(out, results, "hilbench");
      })) {
    return 2;
  }
  if (!html.empty() &&
      !write_file(html, [&](std::ostream& out) { scenario::write_html(out, results); }))
    return 2;
  std::cout << results.size() - failed << " passed, " << failed << " failed\n";
  if (!written) return 2;
  return failed == 0 ? 0 : 1;
}

}  // namespace hil::cli
