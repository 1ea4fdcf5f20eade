// DAIKIN312 (312-bit, 39 bytes) IR protocol: FTXM-R units, ARC466A67 and ARC466A58 remotes.
// Learned from IRremoteESP8266 (src/ir_Daikin312.cpp, src/ir_Daikin.h, test/ir_Daikin_test.cpp), as
// summarised in specs/ir-and-home-assistant-notes.md, section "Daikin"; extras (powerful, quiet,
// econo, mold, sensor) sit where IRremoteESP8266's Daikin2 layout, which DAIKIN312 shares, puts
// them.
//
// 36.7 kHz. A preamble of five zero bits (mark 453, zero space 414, one space 1275) ending mark 453
// / space 25100. Two sections of 20 and 19 bytes, each: header mark 3518 / space 1688, the bytes
// LSB first, footer mark 453 / space 35512. 644 durations with the final gap.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "firmware_core/ir/climate_result.h"
#include "firmware_core/ir/climate_state.h"
#include "firmware_core/ir/daikin_layout.h"
#include "firmware_core/ir/daikin_settings.h"
#include "firmware_core/ir/pulse_train.h"

namespace hil::ir {

inline constexpr std::size_t kDaikin312StateLength = 39;
inline constexpr std::size_t kDaikin312Durations =
    644;  // with the final gap; 643 ending on the last mark
inline constexpr std::uint32_t kDaikin312CarrierHz = 36700;
// Half degrees: byte 26 bits 0-6 hold the temperature times 2 (a real remote sends 25.5 C as 0x33).
inline constexpr TemperatureRange kDaikin312Temperatures{10.0, 32.0, 0.5};

using Daikin312State = std::array<std::uint8_t, kDaikin312StateLength>;

// DAIKIN312 as data: timings, sections, fixed bytes and where each setting lives. The functions
// below run the shared codec (daikin_layout.h) on it.
extern const DaikinLayout kDaikin312Layout;

// Settings -> the 39 state bytes with their checksums; fails on settings DAIKIN312 cannot carry
// (comfort).
Checked<Daikin312State> encode_daikin312_state(const DaikinSettings& settings);
// State bytes -> the 644-duration train, final gap included.
PulseTrain daikin312_pulse_train(const Daikin312State& state);
// Settings -> pulse train, both steps above.
Checked<PulseTrain> encode_daikin312(const DaikinSettings& settings);

// State bytes -> settings, after checking the fixed bytes, both checksums, and that the two power
// flags agree.
Checked<DaikinSettings> decode_daikin312_state(const Daikin312State& state);
// Durations -> state bytes: timing only. Accepts a train without its final gap, and either opening:
// the five-bit preamble, or the 10 ms leader mark / 25 ms space of Tuya-learned codes.
Checked<Daikin312State> read_daikin312_state(const std::vector<std::uint32_t>& durations,
                                             int tolerance_pct = kDefaultTolerancePct,
                                             DaikinPreamble* preamble = nullptr);
// Durations -> everything found: the opening, the state bytes and the settings, every check
// applied.
Checked<DaikinFrame> decode_daikin312(const std::vector<std::uint32_t>& durations,
                                      int tolerance_pct = kDefaultTolerancePct);

}  // namespace hil::ir
