// Tuya IR code encoders and decoder on a Daikin frame (583 durations): time per frame, and the
// code size in Base64 characters as the counter base64_chars; the sizes against a blaster's own
// learned code of the same durations; settings to code and code to settings, end to end.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "firmware_core/ir/base64.h"
#include "firmware_core/ir/daikin.h"
#include "firmware_core/ir/daikin_detect.h"
#include "firmware_core/ir/pulse_train.h"
#include "firmware_core/ir/tuya_codec.h"
#include "firmware_core/ir/tuya_compress.h"

namespace {

using namespace hil::ir;

// One DAIKIN frame (cool, 21 C, fan auto, swing off) as a code carries it: 583 durations.
std::vector<std::uint32_t> cool_21_frame() {
  DaikinSettings settings;
  settings.climate = ClimateState{true, Mode::kCool, 21.0, FanSpeed::kAuto, Swing::kOff};
  const Checked<PulseTrain> train = encode_daikin(settings);
  return train.ok() ? ending_on_last_mark(*train).durations_us : std::vector<std::uint32_t>{};
}

const std::vector<std::uint32_t>& frame() {
  static const std::vector<std::uint32_t> durations = cool_21_frame();
  return durations;
}

template <TuyaEncoded (*Encode)(const std::vector<std::uint32_t>&, OverRange)>
void encode_bench(benchmark::State& state) {
  std::size_t chars = 0;
  for (auto _ : state) {
    TuyaEncoded encoded = Encode(frame(), OverRange::kReject);
    chars = encoded.code.size();
    benchmark::DoNotOptimize(encoded);
  }
  state.counters["base64_chars"] = static_cast<double>(chars);
  state.counters["durations"] = static_cast<double>(frame().size());
  state.SetItemsProcessed(state.iterations());
}

// Durations to Base64 with the optimal parse over the fast match search (what the sim sends).
void BM_EncodeOptimal(benchmark::State& state) { encode_bench<encode_tuya_optimal>(state); }
BENCHMARK(BM_EncodeOptimal);

void BM_EncodeGreedy(benchmark::State& state) { encode_bench<encode_tuya_greedy>(state); }
BENCHMARK(BM_EncodeGreedy);

// The optimal parse over the true longest matches: what the HVAC bridge sends.
void BM_EncodeSmallest(benchmark::State& state) { encode_bench<encode_tuya_smallest>(state); }
BENCHMARK(BM_EncodeSmallest);

// What Home Assistant and Zigbee2MQTT send.
void BM_EncodeLiteralOnly(benchmark::State& state) {
  encode_bench<encode_tuya_literal_only>(state);
}
BENCHMARK(BM_EncodeLiteralOnly);

// The optimal parse over the true longest matches: the smallest code the format allows, for scale.
void BM_EncodeOptimalExhaustive(benchmark::State& state) {
  std::vector<std::uint8_t> bytes;
  for (std::uint32_t d : frame())
    bytes.insert(bytes.end(), {static_cast<std::uint8_t>(d), static_cast<std::uint8_t>(d >> 8)});
  std::size_t chars = 0;
  for (auto _ : state) {
    std::string code =
        base64_encode(compress_tuya_optimal(bytes.data(), bytes.size(), MatchSearch::kExhaustive));
    chars = code.size();
    benchmark::DoNotOptimize(code);
  }
  state.counters["base64_chars"] = static_cast<double>(chars);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EncodeOptimalExhaustive);

// The seven Daikin frames the size comparison in the issue uses, from the project's encoder.
std::vector<std::vector<std::uint32_t>> seven_daikin_frames() {
  const auto settings = [](bool power, Mode mode, double target_c, FanSpeed fan, Swing swing,
                           bool powerful) {
    DaikinSettings s;
    s.climate = ClimateState{power, mode, target_c, fan, swing};
    s.powerful = powerful;
    return s;
  };
  const DaikinSettings all[] = {
      settings(true, Mode::kCool, 21, FanSpeed::kAuto, Swing::kOff, false),
      settings(true, Mode::kHeat, 23, FanSpeed::k3, Swing::kOff, false),
      settings(true, Mode::kDry, 24, FanSpeed::kAuto, Swing::kOff, false),
      settings(true, Mode::kFanOnly, 24, FanSpeed::k5, Swing::kOff, false),
      settings(true, Mode::kAuto, 22, FanSpeed::kQuiet, Swing::kBoth, false),
      settings(true, Mode::kCool, 18, FanSpeed::kAuto, Swing::kOff, true),
      settings(false, Mode::kCool, 21, FanSpeed::kAuto, Swing::kOff, false),
  };
  std::vector<std::vector<std::uint32_t>> frames;
  for (const DaikinSettings& s : all) {
    const Checked<PulseTrain> train = encode_daikin(s);
    if (!train.ok()) return {};
    frames.push_back(ending_on_last_mark(*train).durations_us);
  }
  return frames;
}

// All seven frames with one encoder per iteration (items: frames); the counters are each
// encoder's total Base64 characters over the set (exhaustive: the optimal parse over the true
// longest matches, what encode_tuya_smallest writes).
template <TuyaEncoded (*Encode)(const std::vector<std::uint32_t>&, OverRange)>
void seven_frames_bench(benchmark::State& state) {
  const auto frames = seven_daikin_frames();
  if (frames.size() != 7) {
    state.SkipWithError("Daikin encoder failed");
    return;
  }
  std::size_t optimal = 0, greedy = 0, literal = 0, exhaustive = 0;
  for (const auto& f : frames) {
    optimal += encode_tuya_optimal(f).code.size();
    greedy += encode_tuya_greedy(f).code.size();
    literal += encode_tuya_literal_only(f).code.size();
    exhaustive += encode_tuya_smallest(f).code.size();
  }
  for (auto _ : state) {
    for (const auto& f : frames) {
      TuyaEncoded encoded = Encode(f, OverRange::kReject);
      benchmark::DoNotOptimize(encoded);
    }
  }
  state.counters["optimal_chars"] = static_cast<double>(optimal);
  state.counters["greedy_chars"] = static_cast<double>(greedy);
  state.counters["literal_chars"] = static_cast<double>(literal);
  state.counters["exhaustive_chars"] = static_cast<double>(exhaustive);
  state.SetItemsProcessed(state.iterations() * 7);
}

void BM_EncodeSevenDaikinFrames(benchmark::State& state) {
  seven_frames_bench<encode_tuya_optimal>(state);
}
BENCHMARK(BM_EncodeSevenDaikinFrames);

// The same with the smallest encoder, what the HVAC bridge sends.
void BM_EncodeSevenDaikinFramesSmallest(benchmark::State& state) {
  seven_frames_bench<encode_tuya_smallest>(state);
}
BENCHMARK(BM_EncodeSevenDaikinFramesSmallest);

void decode_bench(benchmark::State& state, const std::string& code) {
  for (auto _ : state) {
    TuyaDecoded decoded = decode_tuya(code);
    if (decoded.durations_us.size() != frame().size()) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(decoded);
  }
  state.counters["base64_chars"] = static_cast<double>(code.size());
  state.SetItemsProcessed(state.iterations());
}

// Base64 to durations, strict, for the optimal code and for the literal-only one.
void BM_DecodeOptimal(benchmark::State& state) {
  decode_bench(state, encode_tuya_optimal(frame()).code);
}
BENCHMARK(BM_DecodeOptimal);

void BM_DecodeLiteralOnly(benchmark::State& state) {
  decode_bench(state, encode_tuya_literal_only(frame()).code);
}
BENCHMARK(BM_DecodeLiteralOnly);

// A code a ZS06 learned from a real DAIKIN remote (lastmyle/maestro-tuya-ir's end-to-end test; the
// fuzz corpus keeps it): the blaster's own code against ours for the same durations.
void BM_LearnedCodeReencoded(benchmark::State& state) {
  std::ifstream in(HILBENCH_SOURCE_DIR "/tests/fuzz/corpus/tuya_decoder/daikin_learned");
  std::string learned((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!learned.empty() && (learned.back() == '\n' || learned.back() == '\r')) learned.pop_back();
  const TuyaDecoded decoded = decode_tuya(learned);
  if (!decoded.ok() || decoded.durations_us.empty()) {
    state.SkipWithError("the learned code does not decode");
    return;
  }
  const std::vector<std::uint32_t> durations(decoded.durations_us.begin(),
                                             decoded.durations_us.end());
  std::size_t optimal = 0;
  for (auto _ : state) {
    TuyaEncoded encoded = encode_tuya_optimal(durations);
    optimal = encoded.code.size();
    benchmark::DoNotOptimize(encoded);
  }
  state.counters["learned_chars"] = static_cast<double>(learned.size());
  state.counters["optimal_chars"] = static_cast<double>(optimal);
  state.counters["greedy_chars"] = static_cast<double>(encode_tuya_greedy(durations).code.size());
  state.counters["literal_chars"] =
      static_cast<double>(encode_tuya_literal_only(durations).code.size());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LearnedCodeReencoded);

// What the bridge does per command: settings to the DAIKIN pulse train to the smallest code.
void BM_SettingsToCode(benchmark::State& state) {
  DaikinSettings settings;
  settings.climate = ClimateState{true, Mode::kCool, 21.0, FanSpeed::kAuto, Swing::kOff};
  for (auto _ : state) {
    const Checked<PulseTrain> train = encode_daikin(settings);
    TuyaEncoded encoded = encode_tuya_smallest(ending_on_last_mark(*train).durations_us);
    benchmark::DoNotOptimize(encoded);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SettingsToCode);

// What the simulated blaster does per send: the code back to durations and Daikin settings.
void BM_CodeToSettings(benchmark::State& state) {
  const std::string code = encode_tuya_optimal(frame()).code;
  for (auto _ : state) {
    const TuyaDecoded decoded = decode_tuya(code);
    const std::vector<std::uint32_t> durations(decoded.durations_us.begin(),
                                               decoded.durations_us.end());
    auto found = decode_any_daikin(durations);
    if (!found.ok()) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(found);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CodeToSettings);

}  // namespace

BENCHMARK_MAIN();
