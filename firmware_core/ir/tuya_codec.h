// Tuya IR codes (`ir_code_to_send`, `learned_ir_code`) to and from pulse durations.
// A code is: durations in microseconds, alternating mark and space and starting with a mark, each
// as a little-endian uint16, compressed into a FastLZ level-1 block stream (tuya_stream.h), in
// standard Base64 with padding. Spoken by Zosung-based Zigbee IR blasters (ZS06, ZS08, TS1201,
// UFO-R11) through Zigbee2MQTT and ZHA; see shared/specs/ir-and-home-assistant-notes.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware_core/ir/tuya_stream.h"

namespace hil::ir {

struct TuyaDecoded {
  std::vector<std::uint16_t> durations_us;  // empty when there is a problem
  std::optional<TuyaDecodeProblem> problem;
  bool ok() const { return !problem.has_value(); }
};

// Strict: any Base64 flaw, truncated block, match reaching before the start or odd byte count is
// refused with its own reason (TuyaDecodeError). The empty code decodes to no durations.
TuyaDecoded decode_tuya(std::string_view code);

// What to do with a duration above 65535 us, which a code cannot hold. Learned codes use 65535 for
// an over-range gap, so clamping keeps such a signal's shape; it is still the caller's choice.
enum class OverRange { kReject, kClamp };

struct TuyaEncodeProblem {
  std::size_t index = 0;    // which duration
  std::uint32_t value = 0;  // and its value in us
  std::string message;      // e.g. "duration 3 is 70000 us; a Tuya code holds at most 65535"
};

struct TuyaEncoded {
  std::string code;  // Base64; empty when there is a problem (and for no durations)
  std::optional<TuyaEncodeProblem> problem;
  bool ok() const { return !problem.has_value(); }
};

// A small code fast: an optimal parse over the matches a fast search finds (tuya_compress.h).
// Never emits a match longer than 263 bytes, so Home Assistant and Zigbee2MQTT decode it too.
TuyaEncoded encode_tuya_optimal(const std::vector<std::uint32_t>& durations_us,
                                OverRange over_range = OverRange::kReject);
// The optimal parse over the true longest match at every position: the smallest code the format
// allows. On seven Daikin frames both give 920 characters; elsewhere the fast search now and then
// misses a byte or two. This one takes under twice as long (some 10 us a Daikin frame).
TuyaEncoded encode_tuya_smallest(const std::vector<std::uint32_t>& durations_us,
                                 OverRange over_range = OverRange::kReject);
// Longest match first; for comparison.
TuyaEncoded encode_tuya_greedy(const std::vector<std::uint32_t>& durations_us,
                               OverRange over_range = OverRange::kReject);
// Literal blocks only, as Home Assistant and Zigbee2MQTT encode: 1604 characters for a Daikin
// frame that the optimal parse writes in 150 to 240, and long codes are known to fail on blasters.
TuyaEncoded encode_tuya_literal_only(const std::vector<std::uint32_t>& durations_us,
                                     OverRange over_range = OverRange::kReject);

}  // namespace hil::ir
