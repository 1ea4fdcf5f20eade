// Covers firmware_core/common/text.h: strict integers, quote-aware splitting, unquoting, UTF-8
// validation.
#include "firmware_core/common/text.h"

#include <gtest/gtest.h>

namespace hil::core {
namespace {

TEST(ParseInt, AcceptsPlainSignedAndPaddedDecimals) {
  EXPECT_EQ(parse_int("123"), 123);
  EXPECT_EQ(parse_int("-5"), -5);
  EXPECT_EQ(parse_int("+7"), 7);
  EXPECT_EQ(parse_int("0"), 0);
  EXPECT_EQ(parse_int("  42\t"), 42);
}

TEST(ParseInt, RejectsEmptySignOnlyAndTrailingGarbage) {
  EXPECT_FALSE(parse_int(""));
  EXPECT_FALSE(parse_int("   "));
  EXPECT_FALSE(parse_int("-"));
  EXPECT_FALSE(parse_int("+"));
  EXPECT_FALSE(parse_int("12a"));
  EXPECT_FALSE(parse_int("1.5"));
  EXPECT_FALSE(parse_int("0x10"));
  EXPECT_FALSE(parse_int("--1"));
  EXPECT_FALSE(parse_int("1 2"));
}

TEST(ParseInt, AcceptsEighteenDigitsAndRejectsNineteenSoItCannotOverflow) {
  EXPECT_EQ(parse_int("999999999999999999"), 999999999999999999LL);
  EXPECT_EQ(parse_int("-999999999999999999"), -999999999999999999LL);
  EXPECT_FALSE(parse_int("1000000000000000000"));
  EXPECT_FALSE(parse_int("9223372036854775807"));
  EXPECT_FALSE(parse_int("99999999999999999999999999"));
}

TEST(SplitUnquoted, SplitsOnSeparatorOutsideQuotes) {
  const auto parts = split_unquoted(R"(a,"b,c",d)", ',');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0], "a");
  EXPECT_EQ(parts[1], R"("b,c")");
  EXPECT_EQ(parts[2], "d");
}

TEST(SplitUnquoted, EscapedQuoteDoesNotCloseTheQuote) {
  const auto parts = split_unquoted(R"("a\",b",c)", ',');
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0], R"("a\",b")");
  EXPECT_EQ(parts[1], "c");
}

TEST(SplitUnquoted, KeepsEmptyPartsAndAlwaysReturnsAtLeastOne) {
  EXPECT_EQ(split_unquoted("", ',').size(), 1u);
  const auto parts = split_unquoted("0,,100", ',');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1], "");
  const auto trailing = split_unquoted("a;", ';');
  ASSERT_EQ(trailing.size(), 2u);
  EXPECT_EQ(trailing[1], "");
}

TEST(Unquote, RemovesQuotesAndResolvesEscapes) {
  EXPECT_EQ(unquote(R"("abc")"), "abc");
  EXPECT_EQ(unquote(R"("a\"b")"), "a\"b");
  EXPECT_EQ(unquote(R"("a\\b")"), "a\\b");
  EXPECT_EQ(unquote(R"("")"), "");
  EXPECT_EQ(unquote(R"(  "with space"  )"), "with space");
}

TEST(Unquote, PassesBareTextThroughTrimmed) {
  EXPECT_EQ(unquote("plain"), "plain");
  EXPECT_EQ(unquote("  padded "), "padded");
  EXPECT_EQ(unquote(""), "");
}

TEST(Unquote, RejectsBrokenQuoting) {
  EXPECT_FALSE(unquote(R"("abc)"));
  EXPECT_FALSE(unquote(R"(")"));
  EXPECT_FALSE(unquote(R"("a"b")"));
  EXPECT_FALSE(unquote(R"("a\nb")")) << "only \\\" and \\\\ are escapes";
  EXPECT_FALSE(unquote(R"("ab\")")) << "the closing quote is escaped";
}

TEST(Quote, EscapesQuotesAndBackslashesAndRoundTripsThroughUnquote) {
  EXPECT_EQ(quote("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(quote(""), R"("")");
  for (const std::string text : {"", "x", "a b", "a\"b", "\\", "\"\"", "p@ss, word;"}) {
    EXPECT_EQ(unquote(quote(text)), text) << text;
  }
}

TEST(CaseHelpers, UpperCaseAndCaseInsensitiveEquality) {
  EXPECT_EQ(to_upper("move:all,1/16"), "MOVE:ALL,1/16");
  EXPECT_TRUE(iequals("Net:Status", "NET:STATUS"));
  EXPECT_FALSE(iequals("NET", "NET:"));
  EXPECT_EQ(trim(" \t\r\nx \n"), "x");
}

TEST(ValidUtf8, AcceptsAsciiAndWellFormedMultiByteSequences) {
  EXPECT_TRUE(valid_utf8(""));
  EXPECT_TRUE(valid_utf8("MOVE:0,1200"));
  EXPECT_TRUE(valid_utf8("caf\xC3\xA9"));           // U+00E9
  EXPECT_TRUE(valid_utf8("\xE2\x82\xAC"));          // U+20AC
  EXPECT_TRUE(valid_utf8("\xF0\x9F\x98\x80"));      // U+1F600
  EXPECT_TRUE(valid_utf8("\xF4\x8F\xBF\xBF"));      // U+10FFFF, the last code point
  EXPECT_TRUE(valid_utf8("\xED\x9F\xBF"));          // U+D7FF, just below the surrogates
  EXPECT_TRUE(valid_utf8("\xEE\x80\x80"));          // U+E000, just above them
  EXPECT_TRUE(valid_utf8(std::string("a\0b", 3)));  // NUL is valid UTF-8
}

TEST(ValidUtf8, RejectsTruncatedAndStrayBytes) {
  EXPECT_FALSE(valid_utf8("\xC3"));
  EXPECT_FALSE(valid_utf8("abc\xE2\x82"));
  EXPECT_FALSE(valid_utf8("\x80"));
  EXPECT_FALSE(valid_utf8("\xBF"));
  EXPECT_FALSE(valid_utf8("\xFF"));
  EXPECT_FALSE(valid_utf8("\xFE"));
  EXPECT_FALSE(valid_utf8("\xF8\x88\x80\x80\x80"));  // 5-byte form
  EXPECT_FALSE(valid_utf8("\xC3\x28"));              // bad continuation
}

TEST(ValidUtf8, RejectsOverlongEncodings) {
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));  // '/' in 2 bytes
  EXPECT_FALSE(valid_utf8("\xC1\xBF"));
  EXPECT_FALSE(valid_utf8("\xE0\x80\xAF"));      // '/' in 3 bytes
  EXPECT_FALSE(valid_utf8("\xE0\x9F\xBF"));      // U+07FF in 3 bytes
  EXPECT_FALSE(valid_utf8("\xF0\x82\x82\xAC"));  // U+20AC in 4 bytes
  EXPECT_FALSE(valid_utf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in 4 bytes
}

TEST(ValidUtf8, RejectsSurrogatesAndCodePointsAbove10FFFF) {
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));      // U+D800
  EXPECT_FALSE(valid_utf8("\xED\xBF\xBF"));      // U+DFFF
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(valid_utf8("\xF7\xBF\xBF\xBF"));
}

TEST(Printable, ControlCharactersAreEscapedAndTheRestKept) {
  EXPECT_EQ(printable("plain text, caf\xC3\xA9 \xE2\x80\x94 ok"),
            "plain text, caf\xC3\xA9 \xE2\x80\x94 ok");
  EXPECT_EQ(printable("a\nb\rc\td"), R"(a\nb\rc\td)");
  EXPECT_EQ(printable("\x1b]0;title\x07\x1b[2J"), R"(\x1b]0;title\x07\x1b[2J)");
  EXPECT_EQ(printable(std::string("nul\0del\x7f", 8)), R"(nul\x00del\x7f)");
  EXPECT_EQ(printable("\xC2\x9B"
                      "31m"),
            R"(\x9b31m)");                          // C1 CSI, as UTF-8
  EXPECT_EQ(printable("\xFF\xC3"), R"(\xff\xc3)");  // not UTF-8
}

TEST(Printable, AnExcerptIsCutAndMarked) {
  EXPECT_EQ(printable_excerpt("short", 64), "short");
  EXPECT_EQ(printable_excerpt("abcdef", 3), "abc...");
  EXPECT_EQ(printable_excerpt("\x1b[2Jxyz", 4), R"(\x1b[2J...)");
}

TEST(Printable, HasControlFindsC0DelAndC1) {
  EXPECT_FALSE(has_control("a-b_c 1.2 caf\xC3\xA9"));
  for (const char* text : {"a\n", "\tb", "\x1b", "\x7f", "\xC2\x85"})
    EXPECT_TRUE(has_control(text)) << text;
}

}  // namespace
}  // namespace hil::core
