// Standard Base64 with padding: table-driven encoder and a strict decoder.
#include "firmware_core/ir/base64.h"

#include <array>
#include <utility>

namespace hil::ir {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::uint8_t kInvalid = 0xFF;
constexpr std::uint8_t kPad = 0xFE;

constexpr std::array<std::uint8_t, 256> make_decode_table() {
  std::array<std::uint8_t, 256> table{};
  for (auto& entry : table) entry = kInvalid;
  for (std::uint8_t i = 0; i < 64; ++i) table[static_cast<unsigned char>(kAlphabet[i])] = i;
  table[static_cast<unsigned char>('=')] = kPad;
  return table;
}
constexpr std::array<std::uint8_t, 256> kDecode = make_decode_table();

std::string describe_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x21 && u < 0x7F) return std::string("'") + c + "'";
  constexpr char kHex[] = "0123456789ABCDEF";
  return std::string("byte 0x") + kHex[u >> 4] + kHex[u & 15];
}

Base64Decoded fail(Base64Error error, std::size_t offset, std::string message) {
  Base64Decoded out;
  out.problem = Base64Problem{error, offset, std::move(message)};
  return out;
}

}  // namespace

const char* to_string(Base64Error error) {
  switch (error) {
    case Base64Error::kBadLength:
      return "bad_length";
    case Base64Error::kBadCharacter:
      return "bad_character";
    case Base64Error::kBadPadding:
      return "bad_padding";
    case Base64Error::kNonZeroTrailingBits:
      return "nonzero_trailing_bits";
  }
  return "unknown";
}

std::string base64_encode(const std::uint8_t* data, std::size_t size) {
  std::string out((size + 2) / 3 * 4, '=');
  char* o = out.data();
  std::size_t i = 0;
  for (; i + 3 <= size; i += 3) {
    const std::uint32_t v =
        (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8) | data[i + 2];
    *o++ = kAlphabet[v >> 18];
    *o++ = kAlphabet[(v >> 12) & 63];
    *o++ = kAlphabet[(v >> 6) & 63];
    *o++ = kAlphabet[v & 63];
  }
  if (size - i == 1) {
    o[0] = kAlphabet[data[i] >> 2];
    o[1] = kAlphabet[(data[i] & 3) << 4];
  } else if (size - i == 2) {
    const std::uint32_t v = (std::uint32_t{data[i]} << 8) | data[i + 1];
    o[0] = kAlphabet[v >> 10];
    o[1] = kAlphabet[(v >> 4) & 63];
    o[2] = kAlphabet[(v & 15) << 2];
  }
  return out;
}

std::string base64_encode(const std::vector<std::uint8_t>& bytes) {
  return base64_encode(bytes.data(), bytes.size());
}

Base64Decoded base64_decode(std::string_view text) {
  const std::size_t n = text.size();
  // A bad character is the more useful report, so look for one before judging the length.
  std::size_t pads = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t v = kDecode[static_cast<unsigned char>(text[i])];
    if (v == kInvalid) {
      return fail(
          Base64Error::kBadCharacter, i,
          "bad Base64 character " + describe_char(text[i]) + " at offset " + std::to_string(i));
    }
    if (v == kPad) {
      ++pads;
    } else if (pads > 0) {
      return fail(
          Base64Error::kBadPadding, i - pads,
          "Base64 padding '=' at offset " + std::to_string(i - pads) + " is not at the end");
    }
  }
  if (n % 4 != 0) {
    return fail(Base64Error::kBadLength, n,
                "Base64 length " + std::to_string(n) + " is not a multiple of 4");
  }
  if (pads > 2) {
    return fail(Base64Error::kBadPadding, n - pads,
                "Base64 text ends in " + std::to_string(pads) + " '=' from offset " +
                    std::to_string(n - pads) + " (at most 2 allowed)");
  }

  Base64Decoded out;
  out.bytes.resize(n / 4 * 3 - pads);
  std::uint8_t* o = out.bytes.data();
  const std::size_t full = pads == 0 ? n : n - 4;
  for (std::size_t i = 0; i < full; i += 4) {
    const std::uint32_t v =
        (std::uint32_t{kDecode[static_cast<unsigned char>(text[i])]} << 18) |
        (std::uint32_t{kDecode[static_cast<unsigned char>(text[i + 1])]} << 12) |
        (std::uint32_t{kDecode[static_cast<unsigned char>(text[i + 2])]} << 6) |
        kDecode[static_cast<unsigned char>(text[i + 3])];
    *o++ = static_cast<std::uint8_t>(v >> 16);
    *o++ = static_cast<std::uint8_t>(v >> 8);
    *o++ = static_cast<std::uint8_t>(v);
  }
  if (pads > 0) {
    const std::size_t i = n - 4;
    const std::uint32_t a = kDecode[static_cast<unsigned char>(text[i])];
    const std::uint32_t b = kDecode[static_cast<unsigned char>(text[i + 1])];
    // "A===" and "==xx" were caught above (three pads; '=' before data), so a and b are data.
    if (pads == 2) {
      if ((b & 15) != 0) {
        return fail(Base64Error::kNonZeroTrailingBits, i + 1,
                    "Base64 character at offset " + std::to_string(i + 1) +
                        " has bits set after the last byte");
      }
      *o++ = static_cast<std::uint8_t>((a << 2) | (b >> 4));
    } else {
      const std::uint32_t c = kDecode[static_cast<unsigned char>(text[i + 2])];
      if ((c & 3) != 0) {
        return fail(Base64Error::kNonZeroTrailingBits, i + 2,
                    "Base64 character at offset " + std::to_string(i + 2) +
                        " has bits set after the last byte");
      }
      *o++ = static_cast<std::uint8_t>((a << 2) | (b >> 4));
      *o++ = static_cast<std::uint8_t>(((b & 15) << 4) | (c >> 2));
    }
  }
  return out;
}

}  // namespace hil::ir
