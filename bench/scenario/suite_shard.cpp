// The suite split by file name: a stable hash of the name modulo the shard count.
#include "bench/scenario/suite_shard.h"

#include <charconv>
#include <filesystem>

namespace hil::scenario {
namespace {

constexpr std::uint64_t kFnvOffsetBasis = 14695981039346656037ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

// The whole of `text` as a whole number that fits 32 bits (no sign, no spaces).
bool read_count(std::string_view text, std::uint32_t& value) {
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  return !text.empty() && error == std::errc() && stop == end;
}

}  // namespace

std::variant<SuiteShard, std::string> parse_suite_shard(std::string_view text) {
  const std::string quoted = "'" + std::string(text) + "'";
  const auto slash = text.find('/');
  SuiteShard shard;
  if (slash == std::string_view::npos || !read_count(text.substr(0, slash), shard.index) ||
      !read_count(text.substr(slash + 1), shard.count)) {
    return quoted + " is not I/N (shard I of N, whole numbers, 1 <= I <= N)";
  }
  if (shard.count == 0) return quoted + " has no shards: N must be at least 1";
  if (shard.index == 0) return quoted + ": shards count from 1 (1 <= I <= N)";
  if (shard.index > shard.count) {
    return quoted + ": there are only " + std::to_string(shard.count) + " shards (1 <= I <= N)";
  }
  return shard;
}

std::uint64_t shard_hash(std::string_view file_name) {
  std::uint64_t hash = kFnvOffsetBasis;
  for (const char byte : file_name) {
    hash ^= static_cast<unsigned char>(byte);
    hash *= kFnvPrime;
  }
  hash ^= hash >> 33U;
  hash *= 0xff51afd7ed558ccdULL;
  hash ^= hash >> 33U;
  hash *= 0xc4ceb9fe1a85ec53ULL;
  hash ^= hash >> 33U;
  return hash;
}

std::uint32_t shard_of(std::string_view path, std::uint32_t count) {
  const std::string name = std::filesystem::path(path).filename().string();
  return static_cast<std::uint32_t>(shard_hash(name) % count) + 1;
}

std::vector<std::string> files_of_shard(const std::vector<std::string>& files,
                                        const SuiteShard& shard) {
  std::vector<std::string> kept;
  for (const auto& file : files) {
    if (shard_of(file, shard.count) == shard.index) kept.push_back(file);
  }
  return kept;
}

}  // namespace hil::scenario
