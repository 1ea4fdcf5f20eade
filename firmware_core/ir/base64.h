// Standard Base64 (RFC 4648 section 4, with padding) and a strict decoder that says what is wrong.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hil::ir {

enum class Base64Error {
  kBadLength,            // not a multiple of four characters
  kBadCharacter,         // outside A-Z a-z 0-9 + / = (whitespace included)
  kBadPadding,           // '=' anywhere but the last one or two places, or three of them
  kNonZeroTrailingBits,  // the character before the padding carries bits no byte uses
};
const char* to_string(Base64Error error);

struct Base64Problem {
  Base64Error error = Base64Error::kBadLength;
  std::size_t offset = 0;  // character offset in the text (the length for kBadLength)
  std::string message;     // e.g. "bad Base64 character '#' at offset 12"
};

struct Base64Decoded {
  std::vector<std::uint8_t> bytes;  // empty when there is a problem
  std::optional<Base64Problem> problem;
  bool ok() const { return !problem.has_value(); }
};

std::string base64_encode(const std::uint8_t* data, std::size_t size);
std::string base64_encode(const std::vector<std::uint8_t>& bytes);

// Accepts exactly what base64_encode produces (the empty text decodes to no bytes): no
// whitespace, no URL-safe alphabet, no missing padding, no stray bits after the last byte.
Base64Decoded base64_decode(std::string_view text);

}  // namespace hil::ir
