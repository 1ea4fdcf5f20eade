// Covers firmware_core/ir/base64.h: RFC 4648 vectors, round trips, and every strict rejection.
#include "firmware_core/ir/base64.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace hil::ir {
namespace {

std::vector<std::uint8_t> bytes_of(const std::string& text) { return {text.begin(), text.end()}; }

void expect_rejected(const std::string& text, Base64Error error, std::size_t offset) {
  const Base64Decoded decoded = base64_decode(text);
  ASSERT_FALSE(decoded.ok()) << text;
  EXPECT_EQ(decoded.problem->error, error) << text << ": " << decoded.problem->message;
  EXPECT_EQ(decoded.problem->offset, offset) << text << ": " << decoded.problem->message;
  EXPECT_NE(decoded.problem->message.find(std::to_string(offset)), std::string::npos)
      << decoded.problem->message;
  EXPECT_TRUE(decoded.bytes.empty());
}

// The test vectors of RFC 4648, section 10.
TEST(Base64, Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base64_encode(bytes_of(plain)), encoded);
    const Base64Decoded decoded = base64_decode(encoded);
    ASSERT_TRUE(decoded.ok()) << encoded;
    EXPECT_EQ(decoded.bytes, bytes_of(plain));
  }
}

TEST(Base64, UsesTheStandardAlphabetWithPlusAndSlash) {
  EXPECT_EQ(base64_encode(std::vector<std::uint8_t>{0xFB, 0xFF, 0xBF}), "+/+/");
  const Base64Decoded decoded = base64_decode("+/+/");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded.bytes, (std::vector<std::uint8_t>{0xFB, 0xFF, 0xBF}));
}

TEST(Base64, RoundTripsEveryByteValueAndEveryLengthUpTo300) {
  std::mt19937 rng(4648);
  for (std::size_t length = 0; length <= 300; ++length) {
    std::vector<std::uint8_t> data(length);
    for (auto& b : data) b = static_cast<std::uint8_t>(rng());
    if (length == 256) {
      for (std::size_t i = 0; i < 256; ++i) data[i] = static_cast<std::uint8_t>(i);
    }
    const std::string text = base64_encode(data);
    EXPECT_EQ(text.size(), (length + 2) / 3 * 4);
    const Base64Decoded decoded = base64_decode(text);
    ASSERT_TRUE(decoded.ok()) << decoded.problem->message;
    EXPECT_EQ(decoded.bytes, data);
  }
}

TEST(Base64, RejectsCharactersOutsideTheAlphabetWithTheirOffset) {
  expect_rejected("Zm9v#mFy", Base64Error::kBadCharacter, 4);
  expect_rejected("Zm9v\nYmFy", Base64Error::kBadCharacter, 4);  // no line breaks
  expect_rejected(" Zm8=", Base64Error::kBadCharacter, 0);
  expect_rejected("Zm9-", Base64Error::kBadCharacter, 3);  // URL-safe alphabet
  expect_rejected("Zm9_", Base64Error::kBadCharacter, 3);
  expect_rejected(std::string("Zm\0v", 4), Base64Error::kBadCharacter, 2);
  expect_rejected("Zm9v\xC3\xA9", Base64Error::kBadCharacter, 4);
}

TEST(Base64, NamesTheBadCharacter) {
  EXPECT_NE(base64_decode("ab#d").problem->message.find("'#'"), std::string::npos);
  EXPECT_NE(base64_decode("ab\x01"
                          "d")
                .problem->message.find("0x01"),
            std::string::npos);
}

TEST(Base64, RejectsLengthsThatAreNotAMultipleOfFour) {
  expect_rejected("Zm9", Base64Error::kBadLength, 3);
  expect_rejected("Zg", Base64Error::kBadLength, 2);  // padding left out
  expect_rejected("Zm9vY", Base64Error::kBadLength, 5);
  expect_rejected("Zg=", Base64Error::kBadLength, 3);
}

TEST(Base64, RejectsPaddingAnywhereButTheEnd) {
  expect_rejected("Zg==Zm8=", Base64Error::kBadPadding, 2);
  expect_rejected("Z=9v", Base64Error::kBadPadding, 1);
  expect_rejected("Zm=v", Base64Error::kBadPadding, 2);
  expect_rejected("Z===", Base64Error::kBadPadding, 1);  // three pads never happen
  expect_rejected("====", Base64Error::kBadPadding, 0);
}

TEST(Base64, RejectsBitsSetAfterTheLastByte) {
  // "Zg==" is 'f'; "Zh==" carries a stray bit a lenient decoder would drop.
  expect_rejected("Zh==", Base64Error::kNonZeroTrailingBits, 1);
  expect_rejected("Zm9=", Base64Error::kNonZeroTrailingBits, 2);
  EXPECT_TRUE(base64_decode("Zm8=").ok());
}

TEST(Base64, ErrorNamesAreStable) {
  EXPECT_STREQ(to_string(Base64Error::kBadLength), "bad_length");
  EXPECT_STREQ(to_string(Base64Error::kBadCharacter), "bad_character");
  EXPECT_STREQ(to_string(Base64Error::kBadPadding), "bad_padding");
  EXPECT_STREQ(to_string(Base64Error::kNonZeroTrailingBits), "nonzero_trailing_bits");
}

}  // namespace
}  // namespace hil::ir
