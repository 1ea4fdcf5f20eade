// Scenario steps executed per wall second by the runner on the in-process simulated stepper.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "bench/scenario/runner.h"
#include "bench/scenario/scenario_loader.h"

namespace {

namespace fs = std::filesystem;
using hil::scenario::RunOptions;
using hil::scenario::Scenario;
using hil::scenario::ScenarioResult;

// Ordinary console traffic, 8 steps a round: a GET answered at once, then a MOVE of one motor
// (thermal limiting off, so rounds never run out of budget) to its ACK and DONE, back, and a pause;
// 450 rounds, 542 s of virtual time within the default limit (so samples stay at the period asked).
const char* const kScenario = R"(name: steps per second
limit_ms: 600000
devices:
  - {name: node, kind: stepper, node_id: 24a1601b2c3d}
steps:
  - expect: {serial: '^CTRL:READY', timeout_ms: 10}
  - expect: {serial: '^CTRL:INFO NET:CONNECTED', timeout_ms: 2000}
  - send: {serial: "SET THERMAL_LIMITING=OFF"}
  - expect: {serial: '^CTRL:DONE cmd_id=\S+ action=SET THERMAL_LIMITING=OFF status=done$', timeout_ms: 1}
  - repeat:
      count: 450
      steps:
        - send: {serial: "GET SPEED"}
        - expect: {serial: '^CTRL:DONE cmd_id=\S+ action=GET SPEED=4000 status=done$', timeout_ms: 1}
        - send: {serial: "MOVE:0,1200"}
        - expect: {serial: '^CTRL:ACK msg_id=(\S+) est_ms=550$', timeout_ms: 1, capture: {id: 1}}
        - expect: {serial: '^CTRL:DONE cmd_id=${id} action=MOVE actual_ms=550 status=done$', timeout_ms: 600}
        - send: {serial: "MOVE:0,0"}
        - expect: {serial: '^CTRL:DONE cmd_id=\S+ action=MOVE actual_ms=550 status=done$', timeout_ms: 600}
        - advance: 100
)";

// The scenario above, loaded once through the YAML loader as `hilbench run` loads a file.
const Scenario& scenario() {
  static const Scenario loaded = [] {
    const fs::path path =
        fs::temp_directory_path() / ("hil_scenario_bench_" + std::to_string(getpid()) + ".yaml");
    std::ofstream(path) << kScenario;
    auto result = hil::scenario::load_scenario(path.string());
    fs::remove(path);
    if (const auto* error = std::get_if<hil::scenario::LoadError>(&result))
      throw std::runtime_error(error->to_string());
    return std::get<Scenario>(std::move(result));
  }();
  return loaded;
}

// One whole run per iteration. Argument: the state sample period in ms (100 is `hilbench run`'s
// default, 0 none); every message is kept and handed back in the result, as `hilbench run` does.
void BM_ScenarioSteps(benchmark::State& state) {
  RunOptions options;
  options.sample_every_ms = state.range(0);
  double steps = 0, virtual_s = 0, messages = 0, samples = 0;
  for (auto _ : state) {
    const ScenarioResult result = hil::scenario::run_scenario(scenario(), options);
    if (!result.passed) {
      state.SkipWithError(
          (result.failure->where.to_string() + ": " + result.failure->message).c_str());
      return;
    }
    steps += static_cast<double>(result.steps_run);
    virtual_s += static_cast<double>(result.virtual_us) / 1e6;
    messages += static_cast<double>(result.messages.size());
    samples += static_cast<double>(result.samples.size());
  }
  const double runs = static_cast<double>(state.iterations());
  state.counters["steps_per_s"] = benchmark::Counter(steps, benchmark::Counter::kIsRate);
  state.counters["virtual_s_per_wall_s"] =
      benchmark::Counter(virtual_s, benchmark::Counter::kIsRate);
  state.counters["steps_per_run"] = steps / runs;
  state.counters["messages_per_run"] = messages / runs;
  state.counters["samples_per_run"] = samples / runs;
}
BENCHMARK(BM_ScenarioSteps)->ArgName("sample_ms")->Arg(100)->Arg(0)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
