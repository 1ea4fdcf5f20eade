// Daikin IR codecs per frame: settings -> durations and durations -> settings, for both protocols.
// The reference to beat is IRremoteESP8266's settings -> durations at about 1.8 us per frame.
#include <benchmark/benchmark.h>

#include "firmware_core/ir/daikin.h"
#include "firmware_core/ir/daikin312.h"
#include "firmware_core/ir/daikin_detect.h"

namespace {

using hil::ir::DaikinSettings;

DaikinSettings typical() {
  DaikinSettings settings;
  settings.climate = {true, hil::ir::Mode::kCool, 21.0, hil::ir::FanSpeed::kAuto,
                      hil::ir::Swing::kOff};
  return settings;
}

void BM_DaikinSettingsToDurations(benchmark::State& state) {
  const DaikinSettings settings = typical();
  for (auto _ : state) {
    auto train = hil::ir::encode_daikin(settings);
    benchmark::DoNotOptimize(train);
  }
}
BENCHMARK(BM_DaikinSettingsToDurations);

void BM_Daikin312SettingsToDurations(benchmark::State& state) {
  const DaikinSettings settings = typical();
  for (auto _ : state) {
    auto train = hil::ir::encode_daikin312(settings);
    benchmark::DoNotOptimize(train);
  }
}
BENCHMARK(BM_Daikin312SettingsToDurations);

void BM_DaikinDurationsToSettings(benchmark::State& state) {
  const auto durations = hil::ir::encode_daikin(typical())->durations_us;
  for (auto _ : state) {
    auto frame = hil::ir::decode_daikin(durations);
    benchmark::DoNotOptimize(frame);
  }
}
BENCHMARK(BM_DaikinDurationsToSettings);

void BM_Daikin312DurationsToSettings(benchmark::State& state) {
  const auto durations = hil::ir::encode_daikin312(typical())->durations_us;
  for (auto _ : state) {
    auto frame = hil::ir::decode_daikin312(durations);
    benchmark::DoNotOptimize(frame);
  }
}
BENCHMARK(BM_Daikin312DurationsToSettings);

// The detector's worst case: DAIKIN is tried first and fails 143 durations in.
void BM_DetectDaikin312(benchmark::State& state) {
  const auto durations = hil::ir::encode_daikin312(typical())->durations_us;
  for (auto _ : state) {
    auto frame = hil::ir::decode_any_daikin(durations);
    benchmark::DoNotOptimize(frame);
  }
}
BENCHMARK(BM_DetectDaikin312);

}  // namespace

BENCHMARK_MAIN();
