// DAIKIN (280-bit, 35 bytes) IR protocol: FTXM-M units, ARC466A12 and ARC466A33 remotes.
// Learned from IRremoteESP8266 (src/ir_Daikin.{h,cpp}, test/ir_Daikin_test.cpp), as summarised in
// specs/ir-and-home-assistant-notes.md, section "Daikin".
//
// 38 kHz. A preamble of five zero bits (mark 428 / space 428) with no header, then mark 428 / space
// 29428. Three sections of 8, 8 and 19 bytes, each: header mark 3650 / space 1623, the bytes LSB
// first (mark 428, zero space 428, one space 1280), footer mark 428 / space 29428. 584 durations
// with the final gap.
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

inline constexpr std::size_t kDaikinStateLength = 35;
inline constexpr std::size_t kDaikinDurations =
    584;  // with the final gap; 583 ending on the last mark
inline constexpr std::uint32_t kDaikinCarrierHz = 38000;
// Half degrees: byte 22 holds the temperature times two, as IRremoteESP8266's IRDaikinESP::setTemp
// writes it since its PR 2036 (22.5 C is 0x2D); FTXM remotes send halves. IRremoteESP8266 clamps
// to 10..32 and truncates other values to the half degree below; here they are refused.
inline constexpr TemperatureRange kDaikinTemperatures{10.0, 32.0, 0.5};

using DaikinState = std::array<std::uint8_t, kDaikinStateLength>;

// DAIKIN as data: timings, sections, fixed bytes and where each setting lives. The functions below
// run the shared codec (daikin_layout.h) on it.
extern const DaikinLayout kDaikinLayout;

// Settings -> the 35 state bytes with their checksums; fails on settings DAIKIN cannot carry.
Checked<DaikinState> encode_daikin_state(const DaikinSettings& settings);
// State bytes -> the 584-duration train, final gap included.
PulseTrain daikin_pulse_train(const DaikinState& state);
// Settings -> pulse train, both steps above.
Checked<PulseTrain> encode_daikin(const DaikinSettings& settings);

// State bytes -> settings, after checking the fixed bytes and all three checksums. Reports the
// temperature found even outside the settable range (remotes send placeholders in dry and fan
// modes).
Checked<DaikinSettings> decode_daikin_state(const DaikinState& state);
// Durations -> state bytes: timing only, no checksum check. Accepts a train without its final gap.
Checked<DaikinState> read_daikin_state(const std::vector<std::uint32_t>& durations,
                                       int tolerance_pct = kDefaultTolerancePct);
// Durations -> everything found: the state bytes and the settings, every check applied.
Checked<DaikinFrame> decode_daikin(const std::vector<std::uint32_t>& durations,
                                   int tolerance_pct = kDefaultTolerancePct);

}  // namespace hil::ir
