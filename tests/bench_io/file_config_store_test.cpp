// Tests of FileConfigStore: persistence across instances, atomic saves and corrupt files.
#include "bench/io/file_config_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/bench_io/temp_dir.h"

namespace hil::bench {
namespace {

void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in, nullptr, false);
}

TEST(FileConfigStore, MissingFileIsEmpty) {
  testing::TempDir dir;
  FileConfigStore store(dir.file("config.json"));
  EXPECT_EQ(store.get("wifi.ssid"), std::nullopt);
  EXPECT_EQ(store.error(), "");
}

TEST(FileConfigStore, ValuesSurviveANewInstance) {
  testing::TempDir dir;
  const std::string path = dir.file("config.json");
  {
    FileConfigStore store(path);
    EXPECT_TRUE(store.put("wifi.ssid", "bench"));
    EXPECT_TRUE(store.put("motor.speed", "1200"));
    EXPECT_TRUE(store.put("motor.speed", "1500"));
    EXPECT_EQ(store.get("motor.speed"), "1500");
  }
  FileConfigStore reloaded(path);
  EXPECT_EQ(reloaded.get("wifi.ssid"), "bench");
  EXPECT_EQ(reloaded.get("motor.speed"), "1500");
  EXPECT_EQ(read_json(path), (nlohmann::json{{"motor.speed", "1500"}, {"wifi.ssid", "bench"}}));
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
}

TEST(FileConfigStore, EraseIsPersisted) {
  testing::TempDir dir;
  const std::string path = dir.file("config.json");
  {
    FileConfigStore store(path);
    ASSERT_TRUE(store.put("a", "1"));
    ASSERT_TRUE(store.put("b", "2"));
    EXPECT_TRUE(store.erase("a"));
    EXPECT_TRUE(store.erase("never-there"));
    EXPECT_EQ(store.get("a"), std::nullopt);
  }
  FileConfigStore reloaded(path);
  EXPECT_EQ(reloaded.get("a"), std::nullopt);
  EXPECT_EQ(reloaded.get("b"), "2");
}

TEST(FileConfigStore, KeepsEmptyAndUnusualStrings) {
  testing::TempDir dir;
  const std::string path = dir.file("config.json");
  const std::string tricky = "line\nquote\" tab\t unicode \xc3\xa9";
  {
    FileConfigStore store(path);
    ASSERT_TRUE(store.put("empty", ""));
    ASSERT_TRUE(store.put("tricky", tricky));
  }
  FileConfigStore reloaded(path);
  EXPECT_EQ(reloaded.get("empty"), "");
  EXPECT_EQ(reloaded.get("tricky"), tricky);
}

TEST(FileConfigStore, CorruptFileIsReportedAndTreatedAsEmpty) {
  testing::TempDir dir;
  const std::string path = dir.file("config.json");
  write_file(path, "{\"a\": \"1\", ");
  FileConfigStore store(path);
  EXPECT_NE(store.error().find("not a JSON object"), std::string::npos) << store.error();
  EXPECT_EQ(store.get("a"), std::nullopt);

  // The next change replaces the corrupt file with a good one.
  EXPECT_TRUE(store.put("b", "2"));
  FileConfigStore reloaded(path);
  EXPECT_EQ(reloaded.error(), "");
  EXPECT_EQ(reloaded.get("b"), "2");
}

TEST(FileConfigStore, NonObjectJsonIsCorrupt) {
  testing::TempDir dir;
  const std::string path = dir.file("config.json");
  write_file(path, "[1, 2, 3]");
  FileConfigStore store(path);
  EXPECT_NE(store.error(), "");
}

TEST(FileConfigStore, NonStringValuesAreReportedAndSkipped) {
  testing::TempDir dir;
  const std::string path = dir.file("config.json");
  write_file(path, R"({"good": "yes", "number": 5})");
  FileConfigStore store(path);
  EXPECT_EQ(store.get("good"), "yes");
  EXPECT_EQ(store.get("number"), std::nullopt);
  EXPECT_NE(store.error().find("number"), std::string::npos) << store.error();
}

TEST(FileConfigStore, FailedSaveReturnsFalseAndChangesNothing) {
  testing::TempDir dir;
  FileConfigStore store(dir.file("missing-dir/config.json"));
  EXPECT_FALSE(store.put("a", "1"));
  EXPECT_EQ(store.get("a"), std::nullopt);
  EXPECT_NE(store.error(), "");
}

TEST(FileConfigStore, SaveProblemIsKnownBeforeTheFirstSaveAndLeavesNothingBehind) {
  testing::TempDir dir;
  EXPECT_NE(FileConfigStore(dir.file("missing-dir/config.json")).save_problem(), "");
  write_file(dir.file("a-file"), "");
  const std::string under_a_file = FileConfigStore(dir.file("a-file/config.json")).save_problem();
  EXPECT_NE(under_a_file.find("Not a directory"), std::string::npos) << under_a_file;
  const std::string path = dir.file("config.json");
  EXPECT_EQ(FileConfigStore(path).save_problem(), "");
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
}

TEST(FileConfigStore, InvalidUtf8IsRefused) {
  testing::TempDir dir;
  const std::string path = dir.file("config.json");
  FileConfigStore store(path);
  ASSERT_TRUE(store.put("a", "1"));
  EXPECT_FALSE(store.put("b", "\xff\xfe"));
  EXPECT_EQ(store.get("b"), std::nullopt);
  FileConfigStore reloaded(path);
  EXPECT_EQ(reloaded.get("a"), "1");
}

}  // namespace
}  // namespace hil::bench
