// A fleet split over processes (`hilbench fleet --shard I/N`): process I runs devices I-1, I-1+N,
// I-1+2N, ... of the whole list, so N processes given the same list run each device once.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace hil::bench {

struct Shard {
  std::size_t index = 1;  // from 1
  std::size_t count = 1;
};

// "I/N" with 1 <= I <= N; nullopt otherwise.
std::optional<Shard> parse_shard(const std::string& text);
std::vector<std::string> shard_of(const std::vector<std::string>& ids, Shard shard);

}  // namespace hil::bench
