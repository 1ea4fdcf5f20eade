// The UART framing of behaviour-notes.md: 512-byte lines, a longer one dropped whole, '\r' ignored.
#include "firmware_core/supervisor/line_framer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hil::supervisor {
namespace {

std::vector<std::string> feed_all(LineFramer& framer, std::string_view bytes) {
  std::vector<std::string> lines;
  framer.feed(bytes, [&](std::string_view line) { lines.emplace_back(line); });
  return lines;
}

TEST(LineFramer, SplitsOnNewlineAndIgnoresCarriageReturns) {
  LineFramer framer;
  EXPECT_EQ(feed_all(framer, "{\"cmd\":\"ping\"}\r\n{\"a\":1}\n"),
            (std::vector<std::string>{"{\"cmd\":\"ping\"}", "{\"a\":1}"}));
}

TEST(LineFramer, JoinsALineSplitAcrossChunks) {
  LineFramer framer;
  EXPECT_TRUE(feed_all(framer, "{\"cmd\":").empty());
  EXPECT_TRUE(framer.mid_line());
  EXPECT_EQ(feed_all(framer, "\"ping\"}\n"), (std::vector<std::string>{"{\"cmd\":\"ping\"}"}));
  EXPECT_FALSE(framer.mid_line());
}

TEST(LineFramer, KeepsALineOfExactlyTheLimit) {
  LineFramer framer;
  const std::string line(kMaxLineBytes, 'x');
  EXPECT_EQ(feed_all(framer, line + "\n"), (std::vector<std::string>{line}));
  EXPECT_EQ(framer.dropped_lines(), 0u);
}

TEST(LineFramer, DropsALongerLineWholeAndGoesOn) {
  LineFramer framer;
  const std::string overlong(kMaxLineBytes + 1, 'x');
  EXPECT_EQ(feed_all(framer, overlong + "\nok\n"), (std::vector<std::string>{"ok"}));
  EXPECT_EQ(framer.dropped_lines(), 1u);
}

TEST(LineFramer, CarriageReturnsDoNotCountTowardTheLimit) {
  LineFramer framer;
  const std::string line(kMaxLineBytes, 'y');
  EXPECT_EQ(feed_all(framer, line + "\r\n"), (std::vector<std::string>{line}));
}

TEST(LineFramer, ResetForgetsAPartialLine) {
  LineFramer framer;
  feed_all(framer, "{\"cmd\":\"get_st");
  framer.reset();
  EXPECT_EQ(feed_all(framer, "{\"cmd\":\"ping\"}\n"),
            (std::vector<std::string>{"{\"cmd\":\"ping\"}"}));
}

TEST(LineFramer, EmptyLinesAreLinesToo) {
  LineFramer framer;
  EXPECT_EQ(feed_all(framer, "\n\r\n"), (std::vector<std::string>{"", ""}));
}

}  // namespace
}  // namespace hil::supervisor
