// Tuya IR codes: Base64 over a block stream over little-endian 16-bit durations.
#include "firmware_core/ir/tuya_codec.h"

#include <utility>

#include "firmware_core/ir/base64.h"
#include "firmware_core/ir/tuya_compress.h"

namespace hil::ir {
namespace {

constexpr std::uint32_t kMaxDurationUs = 0xFFFF;

// Durations as little-endian bytes, or the first one that does not fit.
std::optional<TuyaEncodeProblem> pack(const std::vector<std::uint32_t>& durations_us,
                                      OverRange over_range, std::vector<std::uint8_t>& bytes) {
  bytes.resize(durations_us.size() * 2);
  std::uint8_t* out = bytes.data();
  for (std::size_t i = 0; i < durations_us.size(); ++i) {
    std::uint32_t value = durations_us[i];
    if (value > kMaxDurationUs) {
      if (over_range == OverRange::kReject) {
        return TuyaEncodeProblem{
            i, value,
            "duration " + std::to_string(i) + " is " + std::to_string(value) +
                " us; a Tuya code holds at most 65535 (split it, or ask for clamping)"};
      }
      value = kMaxDurationUs;
    }
    *out++ = static_cast<std::uint8_t>(value);
    *out++ = static_cast<std::uint8_t>(value >> 8);
  }
  return std::nullopt;
}

template <typename Compress>
TuyaEncoded encode_with(const std::vector<std::uint32_t>& durations_us, OverRange over_range,
                        Compress compress) {
  TuyaEncoded result;
  std::vector<std::uint8_t> bytes;
  result.problem = pack(durations_us, over_range, bytes);
  if (result.problem) return result;
  result.code = base64_encode(compress(bytes.data(), bytes.size()));
  return result;
}

}  // namespace

TuyaDecoded decode_tuya(std::string_view code) {
  TuyaDecoded result;
  Base64Decoded raw = base64_decode(code);
  if (!raw.ok()) {
    result.problem = TuyaDecodeProblem{TuyaDecodeError::kInvalidBase64, raw.problem->offset,
                                       "invalid Base64: " + raw.problem->message};
    return result;
  }
  TuyaStreamDecoded stream = decompress_tuya_stream(raw.bytes.data(), raw.bytes.size());
  if (!stream.ok()) {
    result.problem = std::move(stream.problem);
    return result;
  }
  const std::vector<std::uint8_t>& bytes = stream.bytes;
  if (bytes.size() % 2 != 0) {
    result.problem = TuyaDecodeProblem{TuyaDecodeError::kOddLength, bytes.size() - 1,
                                       "the code expands to " + std::to_string(bytes.size()) +
                                           " bytes, not whole 16-bit durations: byte " +
                                           std::to_string(bytes.size() - 1) + " is left over"};
    return result;
  }
  result.durations_us.resize(bytes.size() / 2);
  for (std::size_t i = 0; i < result.durations_us.size(); ++i) {
    result.durations_us[i] = static_cast<std::uint16_t>(bytes[2 * i] | bytes[2 * i + 1] << 8);
  }
  return result;
}

TuyaEncoded encode_tuya_optimal(const std::vector<std::uint32_t>& durations_us,
                                OverRange over_range) {
  return encode_with(durations_us, over_range, [](const std::uint8_t* data, std::size_t size) {
    return compress_tuya_optimal(data, size);
  });
}

TuyaEncoded encode_tuya_smallest(const std::vector<std::uint32_t>& durations_us,
                                 OverRange over_range) {
  return encode_with(durations_us, over_range, [](const std::uint8_t* data, std::size_t size) {
    return compress_tuya_optimal(data, size, MatchSearch::kExhaustive);
  });
}

TuyaEncoded encode_tuya_greedy(const std::vector<std::uint32_t>& durations_us,
                               OverRange over_range) {
  return encode_with(durations_us, over_range, [](const std::uint8_t* data, std::size_t size) {
    return compress_tuya_greedy(data, size);
  });
}

TuyaEncoded encode_tuya_literal_only(const std::vector<std::uint32_t>& durations_us,
                                     OverRange over_range) {
  return encode_with(durations_us, over_range, compress_tuya_literal_only);
}

}  // namespace hil::ir
