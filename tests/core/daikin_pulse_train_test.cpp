// Covers firmware_core/ir/pulse_train.h: the pulse-distance helpers and reader both Daikin
// protocols (and the Tuya codec's callers) build on.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "firmware_core/ir/pulse_train.h"

namespace hil::ir {
namespace {

TEST(DaikinPulseTrain, ToleranceBoundsAreInclusive) {
  EXPECT_TRUE(within_tolerance(1000, 1000));
  EXPECT_TRUE(within_tolerance(650, 1000));
  EXPECT_TRUE(within_tolerance(1350, 1000));
  EXPECT_FALSE(within_tolerance(649, 1000));
  EXPECT_FALSE(within_tolerance(1351, 1000));
  EXPECT_TRUE(within_tolerance(1100, 1000, 10));
  EXPECT_FALSE(within_tolerance(1101, 1000, 10));
  EXPECT_TRUE(within_tolerance(1000, 1000, 0));
  EXPECT_FALSE(within_tolerance(1001, 1000, 0));
}

TEST(DaikinPulseTrain, AtLeastAcceptsAnythingLonger) {
  EXPECT_TRUE(at_least(65535, 29428));
  EXPECT_TRUE(at_least(19129, 29428));
  EXPECT_FALSE(at_least(19127, 29428));
}

TEST(DaikinPulseTrain, BytesGoOutLeastSignificantBitFirst) {
  std::vector<std::uint32_t> out;
  const std::uint8_t byte = 0x11;  // 1000 1000 from bit 0 up
  append_bytes_lsb_first(out, &byte, 1, BitTiming{1, 2, 3});
  EXPECT_EQ(out, (std::vector<std::uint32_t>{1, 3, 1, 2, 1, 2, 1, 2, 1, 3, 1, 2, 1, 2, 1, 2}));
  out.clear();
  append_bits_lsb_first(out, 0b10, 2, BitTiming{1, 2, 3});
  EXPECT_EQ(out, (std::vector<std::uint32_t>{1, 2, 1, 3}));
}

TEST(DaikinPulseTrain, ReaderReadsWhatWasWritten) {
  const std::uint8_t bytes[] = {0x00, 0xFF, 0xA5, 0x3C};
  std::vector<std::uint32_t> durations;
  append_bytes_lsb_first(durations, bytes, 4, BitTiming{500, 500, 1500});
  PulseReader reader(durations);
  std::uint8_t out[4] = {};
  ASSERT_TRUE(reader.read_bytes_lsb_first(BitTiming{500, 500, 1500}, out, 4, 0)) << reader.error();
  EXPECT_TRUE(reader.expect_end());
  EXPECT_EQ(std::vector<std::uint8_t>(out, out + 4), std::vector<std::uint8_t>(bytes, bytes + 4));
}

TEST(DaikinPulseTrain, ReaderNamesTheFirstMismatchAndStops) {
  const std::vector<std::uint32_t> durations = {500, 900, 500};
  PulseReader reader(durations);
  reader.set_context("leader");
  EXPECT_TRUE(reader.expect(500, "mark"));
  EXPECT_FALSE(reader.expect(500, "space"));
  EXPECT_EQ(reader.error(), "leader space at index 1 is 900 us, expected 500 +-35%");
  EXPECT_FALSE(reader.expect(500, "mark")) << "later calls fail too";
  EXPECT_EQ(reader.error(), "leader space at index 1 is 900 us, expected 500 +-35%");
}

TEST(DaikinPulseTrain, ReaderReportsABitSpaceThatIsNeitherZeroNorOne) {
  const std::vector<std::uint32_t> durations = {500, 500, 500, 900};
  PulseReader reader(durations);
  reader.set_context("section 1");
  std::uint8_t byte = 0;
  EXPECT_FALSE(reader.read_bytes_lsb_first(BitTiming{500, 500, 1500}, &byte, 1, 3));
  EXPECT_EQ(reader.error(),
            "section 1 byte 3 bit 1 space at index 3 is 900 us, expected 500 or 1500 +-35%");
}

TEST(DaikinPulseTrain, ReaderReportsTruncationAndLeftovers) {
  const std::vector<std::uint32_t> durations = {500, 500};
  PulseReader short_reader(durations);
  short_reader.expect(500, "mark");
  short_reader.expect(500, "space");
  EXPECT_FALSE(short_reader.expect(500, "footer mark"));
  EXPECT_EQ(short_reader.error(),
            "the train ends at index 2, where the footer mark was expected (truncated)");

  PulseReader long_reader(durations);
  long_reader.expect(500, "mark");
  EXPECT_FALSE(long_reader.expect_end());
  EXPECT_EQ(long_reader.error(), "1 durations follow the end of the frame at index 1");
}

TEST(DaikinPulseTrain, EndingOnTheLastMarkDropsOnlyATrailingSpace) {
  PulseTrain train;
  train.durations_us = {1, 2, 3, 4};
  EXPECT_EQ(ending_on_last_mark(train).durations_us, (std::vector<std::uint32_t>{1, 2, 3}));
  train.durations_us = {1, 2, 3};
  EXPECT_EQ(ending_on_last_mark(train).durations_us, (std::vector<std::uint32_t>{1, 2, 3}));
  train.durations_us = {};
  EXPECT_TRUE(ending_on_last_mark(train).durations_us.empty());
}
}  // namespace
}  // namespace hil::ir
