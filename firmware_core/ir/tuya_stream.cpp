// The Tuya IR block stream: strict decompression and the block writers.
#include "firmware_core/ir/tuya_stream.h"

#include <cstring>
#include <utility>

namespace hil::ir {
namespace {

TuyaStreamDecoded fail(TuyaDecodeError error, std::size_t offset, std::string message) {
  TuyaStreamDecoded out;
  out.problem = TuyaDecodeProblem{error, offset, std::move(message)};
  return out;
}

}  // namespace

const char* to_string(TuyaDecodeError error) {
  switch (error) {
    case TuyaDecodeError::kInvalidBase64:
      return "invalid_base64";
    case TuyaDecodeError::kTruncatedLiteral:
      return "truncated_literal";
    case TuyaDecodeError::kMissingExtensionByte:
      return "missing_extension_byte";
    case TuyaDecodeError::kMissingDistanceByte:
      return "missing_distance_byte";
    case TuyaDecodeError::kDistanceBeyondOutput:
      return "distance_beyond_output";
    case TuyaDecodeError::kOddLength:
      return "odd_length";
  }
  return "unknown";
}

TuyaStreamDecoded decompress_tuya_stream(const std::uint8_t* data, std::size_t size) {
  TuyaStreamDecoded result;
  std::vector<std::uint8_t>& out = result.bytes;
  out.reserve(size * 8);  // real codes expand 2..7 times; more only costs a reallocation
  std::size_t i = 0;
  while (i < size) {
    const std::size_t at = i;
    const std::uint8_t header = data[i++];
    const std::size_t kind = header >> 5;
    if (kind == 0) {
      const std::size_t length = (header & 31u) + 1;
      if (size - i < length) {
        return fail(TuyaDecodeError::kTruncatedLiteral, at,
                    "literal block at byte " + std::to_string(at) + " announces " +
                        std::to_string(length) + " bytes but only " + std::to_string(size - i) +
                        " follow");
      }
      out.insert(out.end(), data + i, data + i + length);
      i += length;
      continue;
    }
    std::size_t length = kind + 2;
    if (kind == 7) {
      if (i == size) {
        return fail(TuyaDecodeError::kMissingExtensionByte, at,
                    "long match at byte " + std::to_string(at) + " is missing its length byte");
      }
      length += data[i++];
    }
    if (i == size) {
      return fail(TuyaDecodeError::kMissingDistanceByte, at,
                  "match at byte " + std::to_string(at) + " is missing its distance byte");
    }
    const std::size_t distance = ((std::size_t{header} & 31u) << 8 | data[i++]) + 1;
    const std::size_t have = out.size();
    if (distance > have) {
      return fail(TuyaDecodeError::kDistanceBeyondOutput, at,
                  "match at byte " + std::to_string(at) + " reaches " + std::to_string(distance) +
                      " bytes back but only " + std::to_string(have) + " are decoded");
    }
    out.resize(have + length);
    std::uint8_t* dst = out.data() + have;
    const std::uint8_t* src = dst - distance;
    if (distance >= length) {
      std::memcpy(dst, src, length);
    } else {
      // Overlapping copy: byte by byte, so a short distance repeats itself (run-length style).
      for (std::size_t k = 0; k < length; ++k) dst[k] = src[k];
    }
  }
  return result;
}

void append_tuya_literals(std::vector<std::uint8_t>& out, const std::uint8_t* data,
                          std::size_t size) {
  while (size > 0) {
    const std::size_t chunk = size < kTuyaLiteralMax ? size : kTuyaLiteralMax;
    out.push_back(static_cast<std::uint8_t>(chunk - 1));
    out.insert(out.end(), data, data + chunk);
    data += chunk;
    size -= chunk;
  }
}

void append_tuya_match(std::vector<std::uint8_t>& out, std::size_t length, std::size_t distance) {
  const std::size_t d = distance - 1;
  const auto high = static_cast<std::uint8_t>(d >> 8);
  if (length <= kTuyaShortMatchMax) {
    out.push_back(static_cast<std::uint8_t>(((length - 2) << 5) | high));
  } else {
    out.push_back(static_cast<std::uint8_t>(0xE0 | high));
    out.push_back(static_cast<std::uint8_t>(length - 9));
  }
  out.push_back(static_cast<std::uint8_t>(d & 0xFF));
}

}  // namespace hil::ir
