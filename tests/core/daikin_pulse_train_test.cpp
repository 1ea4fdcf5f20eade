// Covers firmware_core/ir/pulse_train.h: the pulse-distance helpers and reader both Daikin
// protocols (and the Tuya codec's callers) build on.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
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

TEST(DaikinPulseTrain, ReaderDecidesEachBitByTheMidpointOfItsSpaces) {
  // Zero 500, one 1500: the midpoint is 1000, and a space up to it reads as a 0. Marks and spaces
  // anywhere in the envelope will do (marks 125..1000, spaces 125..2250).
  const std::vector<std::uint32_t> durations = {500, 1000, 500, 1001, 125, 125, 1000, 2250,
                                                125, 500,  500, 500,  500, 500, 500,  1500};
  PulseReader reader(durations);
  std::uint8_t byte = 0;
  ASSERT_TRUE(reader.read_bytes_lsb_first(BitTiming{500, 500, 1500}, &byte, 1, 0))
      << reader.error();
  EXPECT_EQ(byte, 0x8A);  // 0, 1, 0, 1, then 0 0 0 1
}

TEST(DaikinPulseTrain, ReaderReportsABitSpaceOutsideTheEnvelope) {
  const BitTiming timing{500, 500, 1500};
  for (const std::uint32_t space : {124U, 2251U}) {
    const std::vector<std::uint32_t> durations = {500, 500, 500, space};
    PulseReader reader(durations);
    reader.set_context("section 1");
    std::uint8_t byte = 0;
    EXPECT_FALSE(reader.read_bytes_lsb_first(timing, &byte, 1, 3));
    EXPECT_EQ(reader.error(), "section 1 byte 3 bit 1 space at index 3 is " +
                                  std::to_string(space) +
                                  " us, outside a bit space's 125..2250 us (500 for a 0, 1500 "
                                  "for a 1)");
  }
}

TEST(DaikinPulseTrain, ReaderReportsABitMarkOutsideTheEnvelope) {
  const BitTiming timing{500, 500, 1500};
  for (const std::uint32_t mark : {124U, 1001U}) {
    const std::vector<std::uint32_t> durations = {mark};
    PulseReader reader(durations);
    reader.set_context("section 2");
    EXPECT_FALSE(reader.read_bit_mark(timing, "footer mark"));
    EXPECT_EQ(reader.error(), "section 2 footer mark at index 0 is " + std::to_string(mark) +
                                  " us, outside a bit mark's 125..1000 us (nominal 500)");
  }
}

TEST(DaikinPulseTrain, AOneWhereOnlyZerosAreSentIsReported) {
  const std::vector<std::uint32_t> durations = {500, 1001};
  PulseReader reader(durations);
  reader.set_context("preamble");
  EXPECT_TRUE(reader.read_bit_mark(BitTiming{500, 500, 1500}, "mark"));
  EXPECT_FALSE(reader.read_zero_space(BitTiming{500, 500, 1500}, "space"));
  EXPECT_EQ(reader.error(),
            "preamble space at index 1 is 1001 us, a 1 (over the 1000 us midpoint) where only 0s "
            "are sent");
}

TEST(DaikinPulseTrain, EnvelopeBoundsAreWholeMicrosecondsBothIncluded) {
  // DAIKIN312's bits: a quarter of 453 is 113.25, of 414 103.5; one and a half times 1275 is
  // 1912.5; the midpoint of 414 and 1275 is 844.5.
  const BitEnvelope envelope(BitTiming{453, 414, 1275});
  EXPECT_EQ(envelope.mark_min_us, 114U);
  EXPECT_EQ(envelope.mark_max_us, 906U);
  EXPECT_EQ(envelope.space_min_us, 104U);
  EXPECT_EQ(envelope.space_max_us, 1912U);
  EXPECT_TRUE(envelope.holds_mark(114) && envelope.holds_mark(906));
  EXPECT_FALSE(envelope.holds_mark(113) || envelope.holds_mark(907));
  EXPECT_TRUE(envelope.holds_space(104) && envelope.holds_space(1912));
  EXPECT_FALSE(envelope.holds_space(103) || envelope.holds_space(1913));
  EXPECT_FALSE(envelope.is_one(844));
  EXPECT_TRUE(envelope.is_one(845));
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
