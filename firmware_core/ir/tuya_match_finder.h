// The longest earlier match at every byte position, for the Tuya encoders' parses.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hil::ir {

// Every length up to a position's longest match is usable at the same distance, so the parses
// need only that longest length; how hard to look for it:
enum class MatchSearch {
  // Inside a match, searches only at even positions (every fourth deep inside) and carries the
  // match on elsewhere. On Daikin and NEC codes the optimal parse comes out as small as with
  // kExhaustive, on other codes now and then a little larger; it takes about half as long.
  kFast,
  // The true longest match at every position: a search per position in sorted lists of the
  // earlier suffixes, which costs a few steps where the data repeats itself.
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
void find_tuya_matches(const std::uint8_t* data, std::size_t size, MatchSearch search,
                       TuyaMatch* matches);

}  // namespace hil::ir
