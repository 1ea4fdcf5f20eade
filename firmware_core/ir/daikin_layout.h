// A Daikin IR protocol described as data (DaikinLayout), and the one codec that works from it.
// daikin.cpp and daikin312.cpp each hold a layout; everything DAIKIN and DAIKIN312 share (the frame
// shape, checksums, field codes, error messages) lives here, once. Frame shape and codes from
// IRremoteESP8266 (src/ir_Daikin.{h,cpp}), as summarised in specs/ir-and-home-assistant-notes.md.
//
// A frame: an opening (five zero bits, mark, gap; or, where the layout allows one, a long leader
// mark and space), then sections, each: header mark / space, the bytes LSB first, footer mark, gap.
// Every section ends with the sum of its other bytes.
//
// Decoding takes real captures: bits by the midpoint rule within their envelope (pulse_train.h),
// headers, leaders and gaps within tolerance_pct of nominal, a preamble that lost its first bit
// (learning receivers miss the first burst now and then); the checksums judge the bytes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "firmware_core/ir/climate_result.h"
#include "firmware_core/ir/climate_state.h"
#include "firmware_core/ir/daikin_settings.h"
#include "firmware_core/ir/pulse_train.h"

namespace hil::ir {

// The longest state any layout has (DAIKIN312's 39 bytes), for buffers on the stack.
inline constexpr std::size_t kDaikinMaxStateLength = 39;

// A constant array seen through a pointer and a count, so layouts of different sizes share a type.
template <typename T>
struct DaikinList {
  template <std::size_t N>
  constexpr DaikinList(const T (&items)[N])  // NOLINT(google-explicit-constructor)
      : data(items), size(N) {}
  template <std::size_t N>
  constexpr DaikinList(const std::array<T, N>& items)  // NOLINT(google-explicit-constructor)
      : data(items.data()), size(N) {}

  constexpr const T* begin() const { return data; }
  constexpr const T* end() const { return data + size; }
  constexpr const T& operator[](std::size_t i) const { return data[i]; }

  const T* data;
  std::size_t size;
};

// One section: its bytes in the state, checksum (the last byte) included, and the gap after it.
struct DaikinSection {
  std::size_t first;
  std::size_t length;
  std::uint32_t gap_us;  // the space after the footer mark; any length from this less tolerance up
                         // after the last section
  const char* name;      // "section 1": names it in error messages
};

// A byte every frame of the protocol has: section signatures and model bytes.
struct DaikinFixedByte {
  std::size_t index;
  std::uint8_t value;
};

// One flag: bit `bit` of state byte `byte`.
struct DaikinBit {
  std::size_t byte;
  int bit;
};

// Where each setting lives. The byte fields share their coding in every Daikin protocol:
// mode_power bit 0 power, bit 3 always 1, bits 4-6 the mode code; temperature in degrees C times 2;
// fan_swing_v high nibble the fan code, low nibble vertical swing; swing_h low nibble horizontal
// swing; swing nibbles are 0x0 (off) or 0xF (swing).
struct DaikinFields {
  std::size_t mode_power;
  std::size_t temperature;
  std::uint8_t temperature_mask;  // the bits a decoder reads as the temperature
  std::size_t fan_swing_v;
  std::size_t swing_h;
  DaikinBit powerful;
  DaikinBit quiet;
  DaikinBit sensor;
  DaikinBit econo;
  DaikinBit mold;
  std::optional<DaikinBit> comfort;    // none: the protocol cannot carry comfort
  std::optional<DaikinBit> power_off;  // set when the power is off; decoders check it disagrees
                                       // with mode_power bit 0
};

struct DaikinLayout {
  DaikinProtocol protocol;  // also gives the name in messages: "not a DAIKIN312 frame: ..."
  std::uint32_t carrier_hz;
  BitTiming bits;
  int preamble_bits;  // zero bits, then a mark and preamble_gap_us
  std::uint32_t preamble_gap_us;
  std::uint32_t leader_mark_us;  // 0: the protocol has no leader opening
  std::uint32_t leader_space_us;
  std::uint32_t header_mark_us;
  std::uint32_t header_space_us;
  DaikinList<DaikinSection> sections;
  DaikinList<DaikinFixedByte> fixed_bytes;
  DaikinList<std::uint8_t> initial_state;  // what encoding starts from; its size is the state's
  TemperatureRange temperatures;
  DaikinFields fields;
};

// Durations in an encoded train, final gap included.
constexpr std::size_t daikin_durations(const DaikinLayout& layout) {
  std::size_t count = 2 * static_cast<std::size_t>(layout.preamble_bits) + 2;
  for (const auto& section : layout.sections) count += 4 + 16 * section.length;
  return count;
}

// The settings themselves, or why the protocol cannot carry them ("DAIKIN312 cannot carry these
// settings: it has no comfort setting").
Checked<DaikinSettings> check_daikin_settings(const DaikinLayout& layout,
                                              const DaikinSettings& settings);
// Writes the state (layout.initial_state.size bytes) for settings check_daikin_settings accepts,
// checksums included.
void pack_daikin_state(const DaikinLayout& layout, const DaikinSettings& settings,
                       std::uint8_t* state);
// State bytes -> the train, final gap included.
PulseTrain daikin_layout_pulse_train(const DaikinLayout& layout, const std::uint8_t* state);
// Settings -> train: the three steps above.
Checked<PulseTrain> encode_daikin_train(const DaikinLayout& layout, const DaikinSettings& settings);

// State bytes -> settings, after checking the fixed bytes, the checksums and the power flags.
Checked<DaikinSettings> decode_daikin_settings(const DaikinLayout& layout,
                                               const std::uint8_t* state);
// Durations -> state bytes (timing only) and how the train opened. Accepts a train without its
// final gap.
Checked<DaikinPreamble> read_daikin_durations(const DaikinLayout& layout,
                                              const std::vector<std::uint32_t>& durations,
                                              int tolerance_pct, std::uint8_t* state);
// Durations -> the opening, the state bytes and the settings, every check applied.
Checked<DaikinFrame> decode_daikin_frame(const DaikinLayout& layout,
                                         const std::vector<std::uint32_t>& durations,
                                         int tolerance_pct);

// The same for a protocol's fixed-size state type; N must be layout.initial_state.size.
template <std::size_t N>
Checked<std::array<std::uint8_t, N>> encode_daikin_state_as(const DaikinLayout& layout,
                                                            const DaikinSettings& settings) {
  if (const auto valid = check_daikin_settings(layout, settings); !valid) {
    return CheckError{valid.error()};
  }
  std::array<std::uint8_t, N> state;
  pack_daikin_state(layout, settings, state.data());
  return state;
}

template <std::size_t N>
Checked<std::array<std::uint8_t, N>> read_daikin_state_as(
    const DaikinLayout& layout, const std::vector<std::uint32_t>& durations, int tolerance_pct,
    DaikinPreamble* preamble = nullptr) {
  std::array<std::uint8_t, N> state{};
  const auto opening = read_daikin_durations(layout, durations, tolerance_pct, state.data());
  if (!opening) return CheckError{opening.error()};
  if (preamble) *preamble = *opening;
  return state;
}

}  // namespace hil::ir
