// Covers bench/scenario/progress_bar.h: the bar's fill, the count, failures and a shortened name.
#include "bench/scenario/progress_bar.h"

#include <gtest/gtest.h>

namespace hil::scenario {
namespace {

TEST(ProgressLine, FillsInProportionAndNamesWhatRuns) {
  EXPECT_EQ(progress_line(0, 22, 0, "HOME"), "[--------------------]  0/22  running HOME");
  EXPECT_EQ(progress_line(11, 22, 0, "GET"), "[##########----------] 11/22  running GET");
  EXPECT_EQ(progress_line(22, 22, 0, ""), "[####################] 22/22");
}

TEST(ProgressLine, CountsFailures) {
  EXPECT_EQ(progress_line(3, 4, 2, "x"), "[###############-----] 3/4  2 failed  running x");
}

TEST(ProgressLine, ShortensTheNameToTheWidth) {
  const std::string line = progress_line(1, 2, 0, std::string(200, 'n'), 60);
  EXPECT_EQ(line.size(), 60u);
  EXPECT_EQ(line.substr(57), "...");
  EXPECT_EQ(progress_line(1, 2, 0, "name", 20).size(), 20u);
}

TEST(ProgressLine, AnEmptySuiteIsFull) {
  EXPECT_EQ(progress_line(0, 0, 0, ""), "[####################] 0/0");
}

}  // namespace
}  // namespace hil::scenario
