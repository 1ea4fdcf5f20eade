// Tuya IR code encoders and decoder on a Daikin-like frame (583 durations): time per frame, and
// the code size in Base64 characters as the counter base64_chars.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "firmware_core/ir/base64.h"
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
