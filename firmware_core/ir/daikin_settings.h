// What a Daikin remote sets, and the codes and checksum DAIKIN and DAIKIN312 share.
// Codes from IRremoteESP8266 (src/ir_Daikin.h): modes auto 0, dry 2, cool 3, heat 4, fan 6;
// fan speeds 1..5 as 3..7, auto 0xA, quiet 0xB; swing nibbles 0x0 off, 0xF on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware_core/ir/climate_result.h"
#include "firmware_core/ir/climate_state.h"

namespace hil::ir {

enum class DaikinProtocol : std::uint8_t {
  kDaikin,     // 280 bits: FTXM-M units, ARC466A12/A33 remotes
  kDaikin312,  // 312 bits: FTXM-R units, ARC466A67/A58 remotes
};

// "DAIKIN", "DAIKIN312": IRremoteESP8266's names, which users see in its logs and tools.
std::string_view to_string(DaikinProtocol protocol);

// The climate state plus the extras the remotes have buttons for. Not every protocol carries every
// extra: DAIKIN312 has no comfort bit (encoding one fails).
struct DaikinSettings {
  ClimateState climate;
  bool powerful = false;  // a short burst at full power; the remote clears quiet and econo with it
  bool quiet = false;     // quiet outdoor unit (not the indoor fan's "quiet" speed)
  bool econo = false;
  bool mold = false;     // mould-proof drying after the unit stops
  bool sensor = false;   // intelligent-eye presence sensor
  bool comfort = false;  // comfort airflow (DAIKIN only)
};

bool operator==(const DaikinSettings& a, const DaikinSettings& b);
inline bool operator!=(const DaikinSettings& a, const DaikinSettings& b) { return !(a == b); }

// The climate text plus the extras that are on: "power on, mode cool, 21 C, fan auto, swing off,
// powerful".
std::string to_string(const DaikinSettings& settings);

// How a frame began: the five-bit preamble the notes specify (or four bits, when a learning
// receiver missed the first burst), or a single long leader mark that
// Tuya-learned DAIKIN312 codes show (IRremoteESP8266 PR #2270).
enum class DaikinPreamble : std::uint8_t { kFiveZeroBits, kLeaderMark };

// What a decoder found in a pulse train.
struct DaikinFrame {
  DaikinProtocol protocol = DaikinProtocol::kDaikin;
  DaikinPreamble preamble = DaikinPreamble::kFiveZeroBits;
  std::vector<std::uint8_t> state;  // 35 bytes (DAIKIN) or 39 (DAIKIN312), checksums included
  DaikinSettings settings;
};

// Mode and fan codes, both directions; nullopt for codes no Daikin remote sends.
std::uint8_t daikin_mode_code(Mode mode);
std::optional<Mode> daikin_mode_from_code(std::uint8_t code);
std::uint8_t daikin_fan_code(FanSpeed fan);
std::optional<FanSpeed> daikin_fan_from_code(std::uint8_t code);

// Every Daikin section ends with the sum of its other bytes, modulo 256.
std::uint8_t daikin_sum(const std::uint8_t* bytes, std::size_t count);

// "0x5C": how bytes appear in error messages.
std::string hex_byte(std::uint8_t value);

// Fails on extras the remote never combines: powerful with quiet, powerful with econo.
Checked<DaikinSettings> check_daikin_extras(const DaikinSettings& settings);

}  // namespace hil::ir
