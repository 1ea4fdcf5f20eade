// The longest earlier match at every byte position, for the Tuya encoders' parses.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hil::ir {

// Every length up to a position's longest match is usable at the same distance, so the parses
// need only that longest length; how hard to look for it:
enum class MatchSearch {
  // The previous position's match carried on, plus the last few places the same 4 and the same
  // 16 bytes were seen (hash buckets). Misses a longer match now and then: on Daikin and NEC
  // codes the optimal parse comes out about 7 % larger than with kExhaustive.
  kFast,
  // Every earlier occurrence of the same 3 bytes in the 8192-byte window: the true longest match
  // at every position, at a cost quadratic in repetitive input. For tests and measurements.
  kExhaustive,
};

struct TuyaMatch {
  std::uint16_t length = 0;    // 3..263, or 0 when nothing of 3 bytes or more matches
  std::uint16_t distance = 0;  // 1..8192 when length > 0
};

// One entry per byte of `data`.
std::vector<TuyaMatch> find_tuya_matches(const std::uint8_t* data, std::size_t size,
                                         MatchSearch search = MatchSearch::kFast);
// The same into `size` entries owned by the caller (every one is written). A match of 4 bytes or
// more is always followed by one at most a byte shorter (the search carries matches on).
void find_tuya_matches(const std::uint8_t* data, std::size_t size, MatchSearch search, TuyaMatch* matches);

}  // namespace hil::ir
