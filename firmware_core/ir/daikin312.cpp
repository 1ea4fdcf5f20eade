// DAIKIN312 IR protocol: its layout, run by the shared Daikin codec (daikin_layout.h).
#include "firmware_core/ir/daikin312.h"

namespace hil::ir {
namespace {

constexpr std::uint32_t kSectionGapUs = 35512;

constexpr DaikinSection kSections[] = {{0, 20, kSectionGapUs, "section 1"},
                                       {20, 19, kSectionGapUs, "section 2"}};

// Section signatures and section 1's model byte (0x02; DAIKIN2, framed alike, has 0x01 there).
constexpr DaikinFixedByte kFixedBytes[] = {{0, 0x11}, {1, 0xDA},  {2, 0x27},  {3, 0x00},
                                           {4, 0x02}, {20, 0x11}, {21, 0xDA}, {22, 0x27}};

// Section 1 is sent mostly as zeros: it carries clock, light, beep and announcements, none of
// which the notes cover, so only its signature, model byte, the power-off flag (byte 6), mould
// (byte 8) and its checksum are ever set. A real remote fills it (see kRealCaptureState in
// tests/core/daikin312_test.cpp). Section 2 as IRremoteESP8266's DAIKIN312 synthetic example has
// it, timers unused (0x600).
constexpr Daikin312State kInitialState = {
    0x11, 0xDA, 0x27, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,  // section 1
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x11, 0xDA, 0x27, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00,  // section 2
    0x00, 0x06, 0x60, 0x00, 0x00, 0xC5, 0x00, 0x08, 0x00};

}  // namespace

// Positional, in DaikinLayout's member order (C++17 has no designated initialisers).
//
// Swing: bytes 28 (low nibble) and 29 follow the notes and IRremoteESP8266's synthetic example. The
// one real DAIKIN312 capture (IRremoteESP8266 PR 2270) shows the swing settings in bytes 12/13
// (section 1) rather than 28/29; until a second capture settles it, the layout keeps 28/29 and
// leaves bytes 12/13 alone.
constexpr DaikinLayout kDaikin312Layout = {
    DaikinProtocol::kDaikin312,
    kDaikin312CarrierHz,
    BitTiming{453, 414, 1275},  // bits
    5,                          // preamble_bits
    25100,                      // preamble_gap_us
    10024,  // leader_mark_us: Daikin2's leader, which opens the Tuya-learned capture
    25180,  // leader_space_us
    3518,   // header_mark_us
    1688,   // header_space_us
    kSections,
    kFixedBytes,
    kInitialState,
    kDaikin312Temperatures,
    DaikinFields{
        25,               // mode_power
        26,               // temperature
        0x7F,             // temperature_mask: bits 0-6
        28,               // fan_swing_v
        29,               // swing_h
        {33, 0},          // powerful (extras where Daikin2 puts them)
        {33, 5},          // quiet
        {36, 1},          // sensor (intelligent eye)
        {36, 2},          // econo
        {8, 3},           // mold
        std::nullopt,     // comfort: DAIKIN312 has none
        DaikinBit{6, 7},  // power_off
    },
};

static_assert(daikin_durations(kDaikin312Layout) == kDaikin312Durations);
static_assert(kDaikin312StateLength <= kDaikinMaxStateLength);

Checked<Daikin312State> encode_daikin312_state(const DaikinSettings& settings) {
  return encode_daikin_state_as<kDaikin312StateLength>(kDaikin312Layout, settings);
}

PulseTrain daikin312_pulse_train(const Daikin312State& state) {
  return daikin_layout_pulse_train(kDaikin312Layout, state.data());
}

Checked<PulseTrain> encode_daikin312(const DaikinSettings& settings) {
  return encode_daikin_train(kDaikin312Layout, settings);
}

Checked<DaikinSettings> decode_daikin312_state(const Daikin312State& state) {
  return decode_daikin_settings(kDaikin312Layout, state.data());
}

Checked<Daikin312State> read_daikin312_state(const std::vector<std::uint32_t>& durations,
                                             int tolerance_pct, DaikinPreamble* preamble) {
  return read_daikin_state_as<kDaikin312StateLength>(kDaikin312Layout, durations, tolerance_pct,
                                                     preamble);
}

Checked<DaikinFrame> decode_daikin312(const std::vector<std::uint32_t>& durations,
                                      int tolerance_pct) {
  return decode_daikin_frame(kDaikin312Layout, durations, tolerance_pct);
}

}  // namespace hil::ir
