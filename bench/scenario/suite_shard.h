// Which shard of a suite split over processes or machines runs a file: the one rule of
// `hilbench run --shard I/N` and of the pytest plugin's --hilbench-shard (through the bindings).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hil::scenario {

// Shard `index` of `count`, both counted from 1.
struct SuiteShard {
  std::uint32_t index = 1;
  std::uint32_t count = 1;
};

// "I/N" (whole numbers, 1 <= I <= N) as a shard, or what is wrong with the text.
std::variant<SuiteShard, std::string> parse_suite_shard(std::string_view text);

// What the split hashes: FNV-1a (64-bit) of the name's bytes, then MurmurHash3's fmix64. FNV-1a
// alone would not do: the low k bits of its result depend only on the low k bits of each byte, and
// the remainder by a small count is mostly those bits.
std::uint64_t shard_hash(std::string_view file_name);

// The shard (1..count) of the file at `path`: shard_hash(its file name) % count + 1. Only the name
// counts, not its folder, how the path was written, nor the other files: adding or removing a file
// moves no other, and every machine places a file alike. `count` must be at least 1.
std::uint32_t shard_of(std::string_view path, std::uint32_t count);

// The files of `files` that fall in `shard`, in their order.
std::vector<std::string> files_of_shard(const std::vector<std::string>& files,
                                        const SuiteShard& shard);

}  // namespace hil::scenario
