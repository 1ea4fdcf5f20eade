// Daikin IR codecs per frame: settings -> durations and durations -> settings, for both protocols,
// and detection's worst case. The reference to beat is IRremoteESP8266's settings -> durations at
// about 1.8 us per frame.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "firmware_core/ir/daikin.h"
#include "firmware_core/ir/daikin312.h"
#include "firmware_core/ir/daikin_detect.h"

namespace {

using hil::ir::DaikinSettings;
using Encode = hil::ir::Checked<hil::ir::PulseTrain> (*)(const DaikinSettings&);
using Decode = hil::ir::Checked<hil::ir::DaikinFrame> (*)(const std::vector<std::uint32_t>&, int);

DaikinSettings typical() {
  DaikinSettings settings;
  settings.climate = {true, hil::ir::Mode::kCool, 21.0, hil::ir::FanSpeed::kAuto,
                      hil::ir::Swing::kOff};
  return settings;
}

void BM_SettingsToDurations(benchmark::State& state, Encode encode) {
  const DaikinSettings settings = typical();
  for (auto _ : state) {
    auto train = encode(settings);
    benchmark::DoNotOptimize(train);
  }
}
BENCHMARK_CAPTURE(BM_SettingsToDurations, DAIKIN, hil::ir::encode_daikin);
BENCHMARK_CAPTURE(BM_SettingsToDurations, DAIKIN312, hil::ir::encode_daikin312);

// Decodes what encode made of the typical settings.
void BM_DurationsToSettings(benchmark::State& state, Encode encode, Decode decode) {
  const auto durations = encode(typical())->durations_us;
  for (auto _ : state) {
    auto frame = decode(durations, hil::ir::kDefaultTolerancePct);
    benchmark::DoNotOptimize(frame);
  }
}
BENCHMARK_CAPTURE(BM_DurationsToSettings, DAIKIN, hil::ir::encode_daikin, hil::ir::decode_daikin);
BENCHMARK_CAPTURE(BM_DurationsToSettings, DAIKIN312, hil::ir::encode_daikin312,
                  hil::ir::decode_daikin312);
// The detector's worst case: DAIKIN is tried first and fails 143 durations in.
BENCHMARK_CAPTURE(BM_DurationsToSettings, detect_DAIKIN312, hil::ir::encode_daikin312,
                  hil::ir::decode_any_daikin);

}  // namespace

BENCHMARK_MAIN();
