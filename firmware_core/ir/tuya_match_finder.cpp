// Longest-match search for the Tuya encoders: the previous position's match carried on one byte,
// then either hash buckets of recent 16- and 4-byte windows (fast) or full 3-byte chains (exact).
#include "firmware_core/ir/tuya_match_finder.h"

#include <cstring>

#include "firmware_core/ir/tuya_stream.h"

namespace hil::ir {
namespace {

// Tuned on Daikin and NEC frames: these give streams about 7 % above the exhaustive search's;
// twice the ways or nice length win 1 % for 20 % more work, half the nice length loses 5 %.
// A match this long carried over from the previous position is taken as it is: no search there.
constexpr std::size_t kNiceLength = 32;
constexpr std::size_t kLongWindow = 16;  // bytes hashed for the long-match buckets
constexpr std::size_t kShortWindow = 4;
constexpr std::size_t kLongWays = 4;  // recent positions kept per bucket
constexpr std::size_t kShortWays = 2;

inline std::uint64_t load64(const std::uint8_t* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline std::uint32_t load32(const std::uint8_t* p) {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Bytes equal from the start, up to `limit`; eight at a time where the host is little-endian.
inline std::size_t common_length(const std::uint8_t* a, const std::uint8_t* b, std::size_t limit) {
  std::size_t n = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  while (n + 8 <= limit) {
    const std::uint64_t x = load64(a + n) ^ load64(b + n);
    if (x != 0) return n + static_cast<std::size_t>(__builtin_ctzll(x) >> 3);
    n += 8;
  }
#endif
  while (n < limit && a[n] == b[n]) ++n;
  return n;
}

struct Best {
  std::size_t length = 0;
  std::size_t distance = 0;
};

// Keeps the earlier position `j` if it matches longer at `i`; `best.length` must be below `limit`.
inline void consider(const std::uint8_t* data, std::size_t i, std::size_t j, std::size_t limit, Best& best) {
  const std::size_t distance = i - j;
  if (distance == best.distance || distance > kTuyaDistanceMax) return;
  if (data[j + best.length] != data[i + best.length]) return;  // cannot be longer
  const std::size_t length = common_length(data + j, data + i, limit);
  if (length > best.length) best = Best{length, distance};
}

// The previous position's match, one byte shorter: it ended at a mismatch or at the end of the
// data, so it can only grow if it had been cut at 263.
inline Best carried(const std::uint8_t* data, std::size_t i, const Best& previous, std::size_t limit) {
  if (previous.length <= kTuyaMatchMin) return Best{};
  Best best{previous.length - 1, previous.distance};
  if (previous.length == kTuyaMatchMax) {
    best.length += common_length(data + i + best.length - best.distance, data + i + best.length, limit - best.length);
  }
  return best;
}

inline std::size_t limit_at(std::size_t size, std::size_t i) {
  return size - i < kTuyaMatchMax ? size - i : kTuyaMatchMax;
}

inline void record(TuyaMatch* matches, std::size_t i, Best& best) {
  if (best.length < kTuyaMatchMin) best = Best{};
  matches[i] = TuyaMatch{static_cast<std::uint16_t>(best.length), static_cast<std::uint16_t>(best.distance)};
}

unsigned table_bits(std::size_t size, unsigned low, unsigned high) {
  unsigned bits = low;
  while (bits < high && (std::size_t{1} << bits) < size) ++bits;
  return bits;
}

// Every earlier occurrence of the same three bytes, newest first. Only those whose previous byte
// differs can beat the carried match (the others are the carried distances, one byte shorter),
// which keeps the exact search affordable on repetitive codes.
void find_exhaustive(const std::uint8_t* data, std::size_t size, TuyaMatch* matches) {
  const unsigned bits = table_bits(size, 8, 16);
  std::vector<std::int32_t> head(std::size_t{1} << bits, -1);
  std::vector<std::int32_t> previous(size, -1);
  Best run;
  for (std::size_t i = 0; i + kTuyaMatchMin <= size; ++i) {
    const std::size_t limit = limit_at(size, i);
    Best best = carried(data, i, run, limit);
    // A match cut at 263 may hide a longer one at another distance: then try them all.
    const bool carried_exact = run.length < kTuyaMatchMax;
    const std::uint32_t key = std::uint32_t{data[i]} | std::uint32_t{data[i + 1]} << 8 | std::uint32_t{data[i + 2]} << 16;
    const std::uint32_t h = (key * 2654435761u) >> (32 - bits);
    for (std::int32_t j = head[h]; j >= 0 && best.length < limit; j = previous[static_cast<std::size_t>(j)]) {
      const auto pos = static_cast<std::size_t>(j);
      if (i - pos > kTuyaDistanceMax) break;
      if (carried_exact && pos > 0 && data[pos - 1] == data[i - 1]) continue;
      consider(data, i, pos, limit, best);
    }
    previous[i] = head[h];
    head[h] = static_cast<std::int32_t>(i);
    record(matches, i, best);
    run = best;
  }
}

// Recent positions per hash bucket, newest first (0 = empty, else position + 1).
template <std::size_t kWays>
class Buckets {
 public:
  explicit Buckets(unsigned bits) : bits_(bits), slots_((std::size_t{1} << bits) * kWays, 0) {}
  std::uint32_t* at(std::uint64_t hash) { return &slots_[(hash >> (64 - bits_)) * kWays]; }
  static void push(std::uint32_t* bucket, std::size_t position) {
    for (std::size_t w = kWays - 1; w > 0; --w) bucket[w] = bucket[w - 1];
    bucket[0] = static_cast<std::uint32_t>(position + 1);
  }

 private:
  unsigned bits_;
  std::vector<std::uint32_t> slots_;
};

void find_fast(const std::uint8_t* data, std::size_t size, TuyaMatch* matches) {
  const unsigned bits = table_bits(size / 4, 6, 12);
  Buckets<kLongWays> long_buckets(bits);
  Buckets<kShortWays> short_buckets(bits);
  Best run;
  for (std::size_t i = 0; i + kTuyaMatchMin <= size; ++i) {
    const std::size_t limit = limit_at(size, i);
    Best best = carried(data, i, run, limit);
    // Inside a long match the copy's windows are already indexed where it came from.
    if (best.length < kNiceLength && best.length < limit && i + kShortWindow <= size) {
      if (i + kLongWindow <= size) {
        const std::uint64_t h = (load64(data + i) * 0x9E3779B97F4A7C15ull ^ load64(data + i + 8)) *
                                0xC2B2AE3D27D4EB4Full;
        std::uint32_t* bucket = long_buckets.at(h);
        for (std::size_t w = 0; w < kLongWays && bucket[w] != 0 && best.length < limit; ++w) {
          consider(data, i, bucket[w] - 1, limit, best);
        }
        Buckets<kLongWays>::push(bucket, i);
      }
      std::uint32_t* bucket = short_buckets.at(std::uint64_t{load32(data + i)} * 0x9E3779B97F4A7C15ull);
      for (std::size_t w = 0; w < kShortWays && bucket[w] != 0 && best.length < limit; ++w) {
        consider(data, i, bucket[w] - 1, limit, best);
      }
      Buckets<kShortWays>::push(bucket, i);
    }
    record(matches, i, best);
    run = best;
    // The next positions carry this match on without a search while it stays nice and long
    // (and below 263, where it might grow back).
    while (run.length > kNiceLength && run.length != kTuyaMatchMax) {
      --run.length;
      matches[++i] = TuyaMatch{static_cast<std::uint16_t>(run.length), static_cast<std::uint16_t>(run.distance)};
    }
  }
}

}  // namespace

void find_tuya_matches(const std::uint8_t* data, std::size_t size, MatchSearch search, TuyaMatch* matches) {
  // The searches stop 2 bytes before the end, where no match fits.
  for (std::size_t i = size < kTuyaMatchMin ? 0 : size - (kTuyaMatchMin - 1); i < size; ++i) matches[i] = TuyaMatch{};
  if (size < kTuyaMatchMin) return;
  if (search == MatchSearch::kExhaustive) {
    find_exhaustive(data, size, matches);
  } else {
    find_fast(data, size, matches);
  }
}

std::vector<TuyaMatch> find_tuya_matches(const std::uint8_t* data, std::size_t size, MatchSearch search) {
  std::vector<TuyaMatch> matches(size);
  find_tuya_matches(data, size, search, matches.data());
  return matches;
}

}  // namespace hil::ir
