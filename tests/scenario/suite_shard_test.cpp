// The suite split of `hilbench run --shard` and the pytest plugin: every file in exactly one shard,
// no file moved by another's arrival, the hash pinned, and every malformed I/N refused.
#include "bench/scenario/suite_shard.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

namespace hil::scenario {
namespace {

std::vector<std::string> numbered_files(int first, int count) {
  std::vector<std::string> files;
  for (int i = first; i < first + count; ++i)
    files.push_back("suite/case_" + std::to_string(i) + ".yaml");
  return files;
}

std::string problem_of(const std::string& text) {
  const auto parsed = parse_suite_shard(text);
  const auto* problem = std::get_if<std::string>(&parsed);
  return problem != nullptr ? *problem : "";
}

// Machines of one split may run different builds for a while: a changed hash would run some files
// twice and others never. These values come from a separate implementation of FNV-1a and fmix64.
TEST(SuiteShard, TheHashIsPinned) {
  EXPECT_EQ(shard_hash(""), 0xefd01f60ba992926ULL);
  EXPECT_EQ(shard_hash("a"), 0x82a2a958a9bece5bULL);
  EXPECT_EQ(shard_hash("stepper_home.yaml"), 0xc58388bc46575844ULL);
  EXPECT_EQ(shard_hash("test_run_shards.py"), 0x769a22c11b799c16ULL);
  EXPECT_EQ(shard_of("scenarios/stepper_home.yaml", 3), 0xc58388bc46575844ULL % 3 + 1);
}

TEST(SuiteShard, EveryFileIsInExactlyOneShard) {
  const auto files = numbered_files(0, 200);
  for (std::uint32_t count = 1; count <= 7; ++count) {
    std::vector<std::string> seen;
    for (std::uint32_t index = 1; index <= count; ++index) {
      const auto shard = files_of_shard(files, {index, count});
      seen.insert(seen.end(), shard.begin(), shard.end());
    }
    std::sort(seen.begin(), seen.end());
    auto expected = files;
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(seen, expected) << count << " shards";
  }
}

TEST(SuiteShard, AddingOrRemovingFilesMovesNoOther) {
  const auto before = numbered_files(0, 50);
  auto after = numbered_files(0, 80);                   // 30 new files
  after.erase(after.begin() + 10, after.begin() + 20);  // and 10 gone
  std::reverse(after.begin(), after.end());
  for (std::uint32_t index = 1; index <= 3; ++index) {
    const auto old_shard = files_of_shard(before, {index, 3});
    const auto new_shard = files_of_shard(after, {index, 3});
    for (const auto& file : before) {
      if (std::find(after.begin(), after.end(), file) == after.end()) continue;
      const bool was_in = std::count(old_shard.begin(), old_shard.end(), file) == 1;
      const bool is_in = std::count(new_shard.begin(), new_shard.end(), file) == 1;
      EXPECT_EQ(was_in, is_in) << file << " in shard " << index;
    }
  }
}

TEST(SuiteShard, OnlyTheFileNameCounts) {
  for (std::uint32_t count : {2U, 3U, 5U, 16U}) {
    const std::uint32_t shard = shard_of("stepper_home.yaml", count);
    EXPECT_EQ(shard_of("scenarios/stepper_home.yaml", count), shard);
    EXPECT_EQ(shard_of("/home/ci/work/hilbench/scenarios/stepper_home.yaml", count), shard);
    EXPECT_EQ(shard_of("./other/../scenarios/stepper_home.yaml", count), shard);
  }
}

// Not a statistical test: these counts hold for these names.
TEST(SuiteShard, ShardsOfManyFilesAreNearTheirShare) {
  const auto files = numbered_files(0, 400);
  for (std::uint32_t count : {2U, 3U, 4U, 8U}) {
    for (std::uint32_t index = 1; index <= count; ++index) {
      const auto size = files_of_shard(files, {index, count}).size();
      EXPECT_GT(size, 400 / count * 3 / 4) << index << "/" << count;
      EXPECT_LT(size, 400 / count * 5 / 4) << index << "/" << count;
    }
  }
}

// The reason for fmix64: these names differ only in bits 2 to 4 of two letters, so plain FNV-1a
// gives all 49 the same remainder by 2, 4 or 8 and one shard would run them all.
TEST(SuiteShard, NamesDifferingOnlyInHighBitsAreSpread) {
  std::vector<std::string> files;
  for (const char first : std::string("aeimquy")) {
    for (const char second : std::string("aeimquy"))
      files.push_back(std::string("case_") + first + second + ".yaml");
  }
  for (std::uint32_t count : {2U, 4U, 8U}) {
    for (std::uint32_t index = 1; index <= count; ++index)
      EXPECT_GE(files_of_shard(files, {index, count}).size(), 3U) << index << "/" << count;
  }
}

TEST(SuiteShard, WellFormedShardsAreRead) {
  for (const auto& [text, index, count] :
       std::vector<std::tuple<std::string, std::uint32_t, std::uint32_t>>{
           {"1/1", 1, 1}, {"1/3", 1, 3}, {"3/3", 3, 3}, {"12/40", 12, 40}}) {
    const auto parsed = parse_suite_shard(text);
    ASSERT_TRUE(std::holds_alternative<SuiteShard>(parsed)) << text << ": " << problem_of(text);
    EXPECT_EQ(std::get<SuiteShard>(parsed).index, index) << text;
    EXPECT_EQ(std::get<SuiteShard>(parsed).count, count) << text;
  }
}

TEST(SuiteShard, BadShardsSayWhatIsWrong) {
  EXPECT_EQ(problem_of("0/3"), "'0/3': shards count from 1 (1 <= I <= N)");
  EXPECT_EQ(problem_of("4/3"), "'4/3': there are only 3 shards (1 <= I <= N)");
  EXPECT_EQ(problem_of("1/0"), "'1/0' has no shards: N must be at least 1");
  EXPECT_EQ(problem_of("x/y"), "'x/y' is not I/N (shard I of N, whole numbers, 1 <= I <= N)");
  for (const std::string text : {"", "1", "/3", "1/", "-1/3", "+1/3", " 1/3", "1/3 ", "1/3/4",
                                 "1.5/3", "1/3.0", "0x1/3", "99999999999/99999999999"}) {
    EXPECT_NE(problem_of(text).find("is not I/N"), std::string::npos) << "'" << text << "'";
  }
}

}  // namespace
}  // namespace hil::scenario
