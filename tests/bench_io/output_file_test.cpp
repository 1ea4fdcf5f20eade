// Tests of OutputFile: a whole write, a full disk (/dev/full) and a path that cannot be opened.
#include "bench/io/output_file.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "tests/bench_io/temp_dir.h"

namespace hil::bench {
namespace {

TEST(OutputFile, WritesEverythingAndCloses) {
  testing::TempDir dir;
  std::string error;
  auto out = OutputFile::open(dir.file("trace.jsonl"), error);
  ASSERT_NE(out, nullptr) << error;
  ASSERT_TRUE(out->write_and_close("one\ntwo\n", error)) << error;
  std::ifstream in(dir.file("trace.jsonl"));
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "one\ntwo\n");
}

TEST(OutputFile, AFullDiskIsToldWithTheReasonAndHowMuchWasWritten) {
  std::string error;
  auto out = OutputFile::open("/dev/full", error);
  ASSERT_NE(out, nullptr) << error;
  EXPECT_FALSE(out->write_and_close("twelve bytes", error));
  EXPECT_EQ(error, "cannot write /dev/full: No space left on device (0 of 12 bytes written)");
}

TEST(OutputFile, APathThatCannotBeOpenedIsRefusedAtOnce) {
  testing::TempDir dir;
  std::string error;
  EXPECT_EQ(OutputFile::open(dir.file("missing/trace.jsonl"), error), nullptr);
  EXPECT_EQ(error,
            "cannot open " + dir.file("missing/trace.jsonl") + ": No such file or directory");
}

}  // namespace
}  // namespace hil::bench
