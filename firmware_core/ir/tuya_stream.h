// The Tuya IR byte stream: FastLZ level-1 blocks with no container header, and its strict decoder.
// Learned from the public write-up of Tuya's IR compression (mildsunrise's gist "Documentation of
// Tuya's weird compression scheme for IR codes") and FastLZ's level-1 block format; summed up in
// shared/specs/ir-and-home-assistant-notes.md. Used by the ZS06/ZS08/TS1201 (Zosung) blasters.
//
//   literal      000LLLLL                 then L+1 bytes (1..32)
//   short match  LLLDDDDD dddddddd        L in 1..6: length L+2 (3..8), distance (D<<8|d)+1
//   long match   111DDDDD eeeeeeee dddd.. length e+9 (9..264), same distance (1..8192)
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hil::ir {

constexpr std::size_t kTuyaLiteralMax = 32;  // bytes one literal block carries
constexpr std::size_t kTuyaMatchMin = 3;
constexpr std::size_t kTuyaShortMatchMax = 8;  // lengths 3..8 take two bytes, 9 and up three
// A length of 264 needs the extension byte 0xFF, which Home Assistant's and Zigbee2MQTT's decoders
// read as "add 255 and read another byte": our encoders stop at 263 so every decoder agrees.
constexpr std::size_t kTuyaMatchMax = 263;
constexpr std::size_t kTuyaDistanceMax = 8192;

// Why a code was refused. The offset is that of the offending block's header byte in the compressed
// stream; for kInvalidBase64 the character offset in the text; for kOddLength that of the lone
// last byte in the decompressed output.
enum class TuyaDecodeError {
  kInvalidBase64,         // see the Base64 message for which rule
  kTruncatedLiteral,      // a literal block with fewer bytes left than its header announces
  kMissingExtensionByte,  // a long match whose length byte is cut off
  kMissingDistanceByte,   // a match whose second distance byte is cut off
  kDistanceBeyondOutput,  // a match reaching before the start of the output (a first-block match
                          // too)
  kOddLength,             // the decompressed bytes do not make whole 16-bit durations
};
const char* to_string(TuyaDecodeError error);

struct TuyaDecodeProblem {
  TuyaDecodeError error = TuyaDecodeError::kInvalidBase64;
  std::size_t offset = 0;
  std::string message;  // e.g. "match at byte 0 reaches 2 bytes back but only 0 are decoded"
};

struct TuyaStreamDecoded {
  std::vector<std::uint8_t> bytes;  // empty when there is a problem
  std::optional<TuyaDecodeProblem> problem;
  bool ok() const { return !problem.has_value(); }
};

// Expands a block stream. Accepts an extension byte of 0xFF as FastLZ does (length 264).
TuyaStreamDecoded decompress_tuya_stream(const std::uint8_t* data, std::size_t size);

// Block writers the encoders share: literals go out in blocks of at most 32 bytes; a match needs
// length 3..263 and distance 1..8192 (checked by the callers, asserted nowhere).
void append_tuya_literals(std::vector<std::uint8_t>& out, const std::uint8_t* data,
                          std::size_t size);
void append_tuya_match(std::vector<std::uint8_t>& out, std::size_t length, std::size_t distance);

}  // namespace hil::ir
