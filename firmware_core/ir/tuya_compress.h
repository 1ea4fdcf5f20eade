// The three ways to write bytes as a Tuya block stream: literal-only, greedy and optimal parses.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "firmware_core/ir/tuya_match_finder.h"

namespace hil::ir {

// Literal blocks only, 32 bytes each: what Home Assistant and Zigbee2MQTT send.
std::vector<std::uint8_t> compress_tuya_literal_only(const std::uint8_t* data, std::size_t size);

// The longest match at each step, else a literal byte.
std::vector<std::uint8_t> compress_tuya_greedy(const std::uint8_t* data, std::size_t size,
                                               MatchSearch search = MatchSearch::kFast);

// The smallest stream over the matches the search finds: a shortest path over byte positions with
// exact block costs (a literal block is 1 + 1..32 bytes, a match of 3..8 two bytes, of 9..263
// three). With the same search it is never larger than greedy, and greedy never larger than
// literal-only; with MatchSearch::kExhaustive it is the smallest stream the format allows
// (given matches of at most 263 bytes). Linear in the size; inside long matches the parse jumps
// from stretch to stretch instead of pricing every byte.
std::vector<std::uint8_t> compress_tuya_optimal(const std::uint8_t* data, std::size_t size,
                                                MatchSearch search = MatchSearch::kFast);

// The same two parses over matches found elsewhere (one per byte, as find_tuya_matches gives).
std::vector<std::uint8_t> parse_tuya_greedy(const std::uint8_t* data, std::size_t size,
                                            const std::vector<TuyaMatch>& matches);
std::vector<std::uint8_t> parse_tuya_optimal(const std::uint8_t* data, std::size_t size,
                                             const std::vector<TuyaMatch>& matches);

}  // namespace hil::ir
