// Tuya IR code encoders and decoder on a Daikin-like frame (583 durations): time per frame, and
// the code size in Base64 characters as the counter base64_chars.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "firmware_core/ir/base64.h"
#include "firmware_core/ir/daikin.h"
#include "firmware_core/ir/pulse_train.h"
#include "firmware_core/ir/tuya_codec.h"
#include "firmware_core/ir/tuya_compress.h"

namespace {

using namespace hil::ir;

// DAIKIN (280-bit) timings from the IR notes: a five-bit preamble, then sections of 8, 8 and 19
// bytes, each with header 3650/1623, bits LSB first (mark 428, space 428 or 1280) and footer
// 428/29428; the code ends on the last mark. The third section is a plausible state (cool,
// 21 C, fan auto); the real Daikin encoder lives elsewhere.
std::vector<std::uint32_t> daikin_like_frame() {
  std::vector<std::uint32_t> d;
  for (int i = 0; i < 5; ++i) d.insert(d.end(), {428, 428});
  d.insert(d.end(), {428, 29428});
  const auto section = [&d](std::vector<std::uint8_t> bytes) {
    unsigned sum = 0;
    for (std::uint8_t b : bytes) sum += b;
    bytes.push_back(static_cast<std::uint8_t>(sum));
    d.insert(d.end(), {3650, 1623});
    for (std::uint8_t b : bytes) {
      for (int bit = 0; bit < 8; ++bit) d.insert(d.end(), {428u, (b >> bit) & 1 ? 1280u : 428u});
    }
    d.insert(d.end(), {428, 29428});
  };
  section({0x11, 0xDA, 0x27, 0x00, 0xC5, 0x00, 0x00});
  section({0x11, 0xDA, 0x27, 0x00, 0x42, 0x00, 0x00});
  section({0x11, 0xDA, 0x27, 0x00, 0x00, 0x39, 0x2A, 0x00, 0xA0, 0x00, 0x00, 0x06, 0x60, 0x00, 0x00, 0xC0, 0x80, 0x00});
  d.pop_back();  // codes end on the last mark: 583 durations
  return d;
}

const std::vector<std::uint32_t>& frame() {
  static const std::vector<std::uint32_t> durations = daikin_like_frame();
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

// What Home Assistant and Zigbee2MQTT send.
void BM_EncodeLiteralOnly(benchmark::State& state) { encode_bench<encode_tuya_literal_only>(state); }
BENCHMARK(BM_EncodeLiteralOnly);

// The optimal parse over the true longest matches: the smallest code the format allows, for scale.
void BM_EncodeOptimalExhaustive(benchmark::State& state) {
  std::vector<std::uint8_t> bytes;
  for (std::uint32_t d : frame()) bytes.insert(bytes.end(), {static_cast<std::uint8_t>(d), static_cast<std::uint8_t>(d >> 8)});
  std::size_t chars = 0;
  for (auto _ : state) {
    std::string code = base64_encode(compress_tuya_optimal(bytes.data(), bytes.size(), MatchSearch::kExhaustive));
    chars = code.size();
    benchmark::DoNotOptimize(code);
  }
  state.counters["base64_chars"] = static_cast<double>(chars);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EncodeOptimalExhaustive);

// The seven Daikin frames the size comparison in the issue uses, from the project's encoder.
std::vector<std::vector<std::uint32_t>> seven_daikin_frames() {
  const auto settings = [](bool power, Mode mode, double target_c, FanSpeed fan, Swing swing, bool powerful) {
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

// All seven frames with the optimal encoder per iteration; the counters are each encoder's total
// Base64 characters over the set (exhaustive: the optimal parse over the true longest matches).
void BM_EncodeSevenDaikinFrames(benchmark::State& state) {
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
    std::vector<std::uint8_t> bytes;
    for (std::uint32_t d : f) bytes.insert(bytes.end(), {static_cast<std::uint8_t>(d), static_cast<std::uint8_t>(d >> 8)});
    exhaustive += base64_encode(compress_tuya_optimal(bytes.data(), bytes.size(), MatchSearch::kExhaustive)).size();
  }
  for (auto _ : state) {
    for (const auto& f : frames) {
      TuyaEncoded encoded = encode_tuya_optimal(f);
      benchmark::DoNotOptimize(encoded);
    }
  }
  state.counters["optimal_chars"] = static_cast<double>(optimal);
  state.counters["greedy_chars"] = static_cast<double>(greedy);
  state.counters["literal_chars"] = static_cast<double>(literal);
  state.counters["exhaustive_chars"] = static_cast<double>(exhaustive);
  state.SetItemsProcessed(state.iterations() * 7);
}
BENCHMARK(BM_EncodeSevenDaikinFrames);

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
void BM_DecodeOptimal(benchmark::State& state) { decode_bench(state, encode_tuya_optimal(frame()).code); }
BENCHMARK(BM_DecodeOptimal);

void BM_DecodeLiteralOnly(benchmark::State& state) { decode_bench(state, encode_tuya_literal_only(frame()).code); }
BENCHMARK(BM_DecodeLiteralOnly);

}  // namespace

BENCHMARK_MAIN();
