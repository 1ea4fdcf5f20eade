// DAIKIN (280-bit) IR protocol: its layout, run by the shared Daikin codec (daikin_layout.h).
#include "firmware_core/ir/daikin.h"

namespace hil::ir {
namespace {

constexpr std::uint32_t kGapUs = 29428;

constexpr DaikinSection kSections[] = {
    {0, 8, kGapUs, "section 1"}, {8, 8, kGapUs, "section 2"}, {16, 19, kGapUs, "section 3"}};

// Signatures that open each section, and section 1's model byte; checksums are checked separately.
constexpr DaikinFixedByte kFixedBytes[] = {{0, 0x11},  {1, 0xDA},  {2, 0x27}, {3, 0x00},
                                           {4, 0xC5},  {8, 0x11},  {9, 0xDA}, {10, 0x27},
                                           {16, 0x11}, {17, 0xDA}, {18, 0x27}};

// What the ARC466 remotes send with no clock and no timers (IRremoteESP8266's reset state):
// sections 1 and 2 as the notes give them, section 3 with the on/off times at 0x600 (unused).
constexpr DaikinState kInitialState = {0x11, 0xDA, 0x27, 0x00, 0xC5, 0x00, 0x00, 0xD7,  // section 1
                                       0x11, 0xDA, 0x27, 0x00, 0x42, 0x00, 0x00, 0x54,  // section 2
                                       0x11, 0xDA, 0x27, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00,
                                       0x00, 0x06, 0x60, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00};

}  // namespace

// Positional, in DaikinLayout's member order (C++17 has no designated initialisers).
constexpr DaikinLayout kDaikinLayout = {
    DaikinProtocol::kDaikin,
    kDaikinCarrierHz,
    BitTiming{428, 428, 1280},  // bits
    5,                          // preamble_bits
    kGapUs,                     // preamble_gap_us
    0,                          // leader_mark_us: DAIKIN has no leader opening
    0,                          // leader_space_us
    3650,                       // header_mark_us
    1623,                       // header_space_us
    kSections,
    kFixedBytes,
    kInitialState,
    kDaikinTemperatures,
    DaikinFields{
        21,               // mode_power
        22,               // temperature
        0xFF,             // temperature_mask: the whole byte is read back
        24,               // fan_swing_v
        25,               // swing_h
        {29, 0},          // powerful
        {29, 5},          // quiet
        {32, 1},          // sensor (byte 32 bit 7, the weekly timer, is not modelled)
        {32, 2},          // econo
        {33, 1},          // mold
        DaikinBit{6, 4},  // comfort
        std::nullopt,     // power_off: DAIKIN has none
    },
};

static_assert(daikin_durations(kDaikinLayout) == kDaikinDurations);
static_assert(kDaikinStateLength <= kDaikinMaxStateLength);

Checked<DaikinState> encode_daikin_state(const DaikinSettings& settings) {
  return encode_daikin_state_as<kDaikinStateLength>(kDaikinLayout, settings);
}

PulseTrain daikin_pulse_train(const DaikinState& state) {
  return daikin_layout_pulse_train(kDaikinLayout, state.data());
}

Checked<PulseTrain> encode_daikin(const DaikinSettings& settings) {
  return encode_daikin_train(kDaikinLayout, settings);
}

Checked<DaikinSettings> decode_daikin_state(const DaikinState& state) {
  return decode_daikin_settings(kDaikinLayout, state.data());
}

Checked<DaikinState> read_daikin_state(const std::vector<std::uint32_t>& durations,
                                       int tolerance_pct) {
  return read_daikin_state_as<kDaikinStateLength>(kDaikinLayout, durations, tolerance_pct);
}

Checked<DaikinFrame> decode_daikin(const std::vector<std::uint32_t>& durations, int tolerance_pct) {
  return decode_daikin_frame(kDaikinLayout, durations, tolerance_pct);
}

}  // namespace hil::ir
