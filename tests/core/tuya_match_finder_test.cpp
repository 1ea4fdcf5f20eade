// Covers tuya_match_finder.h over the sorted suffix lists (tuya_suffix_list.h): the exact search
// against one that compares every pair of positions, the fast search's matches, and codes from
// both that always decode back to their durations.
#include "firmware_core/ir/tuya_match_finder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "firmware_core/ir/daikin.h"
#include "firmware_core/ir/pulse_train.h"
#include "firmware_core/ir/tuya_codec.h"
#include "firmware_core/ir/tuya_stream.h"

namespace hil::ir {
namespace {

// The longest match at each position, comparing it with every earlier position in the window.
std::vector<std::size_t> longest_by_brute_force(const std::vector<std::uint8_t>& data) {
  std::vector<std::size_t> longest(data.size(), 0);
  for (std::size_t i = 0; i < data.size(); ++i) {
    const std::size_t limit = std::min(data.size() - i, kTuyaMatchMax);
    for (std::size_t j = i > kTuyaDistanceMax ? i - kTuyaDistanceMax : 0; j < i; ++j) {
      std::size_t n = 0;
      while (n < limit && data[j + n] == data[i + n]) ++n;
      longest[i] = std::max(longest[i], n);
    }
    if (longest[i] < kTuyaMatchMin) longest[i] = 0;
  }
  return longest;
}

// Every match is a real one: in the window, before the position, and equal over its length.
void expect_valid(const std::vector<std::uint8_t>& data, const std::vector<TuyaMatch>& matches,
                  const std::string& name) {
  ASSERT_EQ(matches.size(), data.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    const TuyaMatch m = matches[i];
    if (m.length == 0) continue;
    ASSERT_GE(m.length, kTuyaMatchMin) << name << " at " << i;
    ASSERT_LE(m.length, kTuyaMatchMax) << name << " at " << i;
    ASSERT_GE(m.distance, 1u) << name << " at " << i;
    ASSERT_LE(m.distance, std::min<std::size_t>(i, kTuyaDistanceMax)) << name << " at " << i;
    ASSERT_LE(i + m.length, data.size()) << name << " at " << i;
    ASSERT_TRUE(std::equal(data.begin() + static_cast<long>(i),
                           data.begin() + static_cast<long>(i + m.length),
                           data.begin() + static_cast<long>(i - m.distance)))
        << name << " at " << i;
  }
}

void expect_exact(const std::vector<std::uint8_t>& data, const std::string& name) {
  const std::vector<TuyaMatch> found =
      find_tuya_matches(data.data(), data.size(), MatchSearch::kExhaustive);
  expect_valid(data, found, name);
  const std::vector<std::size_t> longest = longest_by_brute_force(data);
  for (std::size_t i = 0; i < data.size(); ++i)
    ASSERT_EQ(found[i].length, longest[i]) << name << " at " << i;
}

// The fast search: real matches, never longer than the longest, carried on a byte at a time.
void expect_fast_sound(const std::vector<std::uint8_t>& data, const std::string& name) {
  const std::vector<TuyaMatch> found =
      find_tuya_matches(data.data(), data.size(), MatchSearch::kFast);
  expect_valid(data, found, name);
  const std::vector<TuyaMatch> exact =
      find_tuya_matches(data.data(), data.size(), MatchSearch::kExhaustive);
  expect_valid(data, exact, name + " (exact)");
  for (std::size_t i = 0; i < data.size(); ++i) {
    ASSERT_LE(found[i].length, exact[i].length) << name << " at " << i;
    if (i > 0 && found[i - 1].length > kTuyaMatchMin) {
      ASSERT_GE(found[i].length + 1, found[i - 1].length) << name << " at " << i;
    }
  }
}

std::vector<std::uint8_t> random_bytes(std::mt19937& rng, std::size_t size, unsigned alphabet) {
  std::vector<std::uint8_t> data(size);
  for (auto& b : data) b = static_cast<std::uint8_t>(rng() % alphabet);
  return data;
}

// Little-endian durations like a learned remote's: marks near 430, spaces near 430 or 1280,
// headers and gaps, jitter, and earlier stretches sent again.
std::vector<std::uint8_t> frame_like_bytes(std::mt19937& rng, std::size_t durations) {
  std::vector<std::uint32_t> d;
  while (d.size() < durations) {
    if (d.size() > 40 && rng() % 12 == 0) {
      const std::size_t from = rng() % (d.size() - 20), length = 8 + rng() % 120;
      for (std::size_t k = 0; k < length && from + k < d.size(); ++k) {
        const std::uint32_t again = d[from + k];
        d.push_back(again);
      }
      continue;
    }
    const std::uint32_t jitter = rng() % 3 == 0 ? rng() % 40 : 0;
    const std::uint32_t roll = rng() % 50;
    d.push_back(roll == 0 ? 3650 + jitter : 428 + jitter);
    d.push_back(roll == 0       ? 1623
                : roll == 1     ? 29428
                : roll % 3 == 0 ? 1280 + jitter
                                : 428 + jitter);
  }
  std::vector<std::uint8_t> bytes;
  for (std::size_t k = 0; k < durations; ++k) {
    bytes.push_back(static_cast<std::uint8_t>(d[k]));
    bytes.push_back(static_cast<std::uint8_t>(d[k] >> 8));
  }
  return bytes;
}

TEST(TuyaMatchFinder, ExactSearchAgreesWithBruteForceOnRandomBytes) {
  std::mt19937 rng(4093);
  for (int round = 0; round < 80; ++round) {
    const unsigned alphabet = round % 4 == 0 ? 256 : 1 + rng() % 4;
    const auto data = random_bytes(rng, 1 + rng() % 700, alphabet);
    expect_exact(data, "round " + std::to_string(round));
    expect_fast_sound(data, "round " + std::to_string(round));
  }
}

TEST(TuyaMatchFinder, ExactSearchAgreesWithBruteForceOnFrameLikeDurations) {
  std::mt19937 rng(583);
  for (int round = 0; round < 40; ++round) {
    const auto data = frame_like_bytes(rng, 1 + rng() % 1000);
    expect_exact(data, "round " + std::to_string(round));
    expect_fast_sound(data, "round " + std::to_string(round));
  }
}

TEST(TuyaMatchFinder, ExactSearchAgreesWithBruteForceAroundThe263Cap) {
  // Runs and short periods longer than a match may be: matches stop at 263 and grow back.
  for (std::size_t n = 255; n < 275; ++n) {
    expect_exact(std::vector<std::uint8_t>(n, 7), "run " + std::to_string(n));
    std::vector<std::uint8_t> period(n);
    for (std::size_t k = 0; k < n; ++k)
      period[k] = static_cast<std::uint8_t>(k % 3 == 0 ? 1 : k % 5);
    expect_exact(period, "period " + std::to_string(n));
    expect_fast_sound(period, "period " + std::to_string(n));
  }
}

TEST(TuyaMatchFinder, ExactSearchAgreesWithBruteForceBeyondTheWindow) {
  std::mt19937 rng(8192);
  // Noise with copies planted 8191 to 8194 bytes back, and a run that outlives the window.
  std::vector<std::uint8_t> data = random_bytes(rng, 9000, 256);
  for (std::size_t d = 8191; d <= 8194; ++d) {
    const std::size_t at = 8200 + (d - 8191) * 40;
    for (std::size_t k = 0; k < 30; ++k) data[at + k] = data[at + k - d];
  }
  expect_exact(data, "planted");
  std::vector<std::uint8_t> run = random_bytes(rng, 8600, 2);
  for (std::size_t k = 100; k < 8500; ++k) run[k] = run[k - 4];
  expect_fast_sound(run, "run");
}

// The codes of both encoders expand to their durations, whatever the durations.
TEST(TuyaMatchFinder, CodesOfBothSearchesDecodeBack) {
  std::mt19937 rng(1166);
  for (int round = 0; round < 60; ++round) {
    std::vector<std::uint32_t> durations;
    if (round % 3 == 0) {
      const std::vector<std::uint8_t> bytes = frame_like_bytes(rng, 1 + rng() % 600);
      for (std::size_t k = 0; k + 1 < bytes.size(); k += 2)
        durations.push_back(bytes[k] | bytes[k + 1] << 8);
    } else {
      durations.resize(1 + rng() % 900);
      const std::uint32_t span = round % 3 == 1 ? 65536 : 1 + rng() % 5;
      for (auto& d : durations) d = span == 65536 ? rng() % span : 300 * (1 + rng() % span);
    }
    for (const TuyaEncoded& encoded :
         {encode_tuya_smallest(durations), encode_tuya_optimal(durations)}) {
      ASSERT_TRUE(encoded.ok());
      const TuyaDecoded back = decode_tuya(encoded.code);
      ASSERT_TRUE(back.ok()) << back.problem->message;
      EXPECT_EQ(std::vector<std::uint32_t>(back.durations_us.begin(), back.durations_us.end()),
                durations);
    }
    EXPECT_LE(encode_tuya_smallest(durations).code.size(),
              encode_tuya_optimal(durations).code.size());
  }
}

// The aim for the fast search: codes within 2 % of the smallest, here over the Daikin
// frames of every mode and fan speed at a few temperatures (measured: equal).
TEST(TuyaMatchFinder, FastCodesStayWithinTwoPercentOfTheSmallestOnDaikinFrames) {
  std::size_t fast = 0, smallest = 0, frames = 0;
  for (Mode mode : kAllModes) {
    for (FanSpeed fan :
         {FanSpeed::kAuto, FanSpeed::kQuiet, FanSpeed::k1, FanSpeed::k3, FanSpeed::k5}) {
      for (double celsius : {18.0, 21.5, 25.0, 30.0}) {
        DaikinSettings settings;
        settings.climate = ClimateState{true, mode, celsius, fan, Swing::kOff};
        const Checked<PulseTrain> train = encode_daikin(settings);
        if (!train.ok()) continue;  // a setting this mode does not take
        ++frames;
        const std::vector<std::uint32_t> durations = ending_on_last_mark(*train).durations_us;
        fast += encode_tuya_optimal(durations).code.size();
        smallest += encode_tuya_smallest(durations).code.size();
      }
    }
  }
  EXPECT_GE(frames, 50u);
  EXPECT_LE(smallest, fast);
  EXPECT_LE(fast * 100, smallest * 102) << "fast " << fast << ", smallest " << smallest;
}

}  // namespace
}  // namespace hil::ir
