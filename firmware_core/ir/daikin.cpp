// DAIKIN (280-bit) IR protocol: settings <-> state bytes <-> pulse train.
#include "firmware_core/ir/daikin.h"

#include <optional>
#include <string>
#include <utility>

namespace hil::ir {
namespace {

constexpr BitTiming kBits{428, 428, 1280};
constexpr std::uint32_t kHeaderMarkUs = 3650;
constexpr std::uint32_t kHeaderSpaceUs = 1623;
constexpr std::uint32_t kGapUs = 29428;
constexpr int kPreambleBits = 5;

struct Section {
  std::size_t first;
  std::size_t length;
  const char* name;
};
constexpr Section kSections[] = {{0, 8, "section 1"}, {8, 8, "section 2"}, {16, 19, "section 3"}};

// Signatures that open each section, and section 1's model byte; checksums are checked separately.
constexpr std::pair<std::size_t, std::uint8_t> kFixedBytes[] = {
    {0, 0x11}, {1, 0xDA},  {2, 0x27},  {3, 0x00},  {4, 0xC5}, {8, 0x11},
    {9, 0xDA}, {10, 0x27}, {16, 0x11}, {17, 0xDA}, {18, 0x27}};

// What the ARC466 remotes send with no clock and no timers (IRremoteESP8266's reset state):
// sections 1 and 2 as the notes give them, section 3 with the on/off times at 0x600 (unused).
constexpr DaikinState kTemplate = {0x11, 0xDA, 0x27, 0x00, 0xC5, 0x00, 0x00, 0xD7,  // section 1
                                   0x11, 0xDA, 0x27, 0x00, 0x42, 0x00, 0x00, 0x54,  // section 2
                                   0x11, 0xDA, 0x27, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00,
                                   0x00, 0x06, 0x60, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00};

constexpr std::size_t kByteComfort = 6;         // bit 4
constexpr std::size_t kByteModePower = 21;      // bit 0 power, bit 3 always 1, bits 4-6 mode
constexpr std::size_t kByteTemp = 22;           // degrees C times 2
constexpr std::size_t kByteFanSwingV = 24;      // low nibble vertical swing, high nibble fan
constexpr std::size_t kByteSwingH = 25;         // low nibble horizontal swing
constexpr std::size_t kBytePowerfulQuiet = 29;  // bit 0 powerful, bit 5 quiet
constexpr std::size_t kByteSensorEcono = 32;    // bit 1 sensor, bit 2 econo
constexpr std::size_t kByteMold = 33;           // bit 1

constexpr const char* kNotDaikin = "not a DAIKIN frame: ";

std::uint8_t bit_if(bool on, int bit) { return on ? static_cast<std::uint8_t>(1U << bit) : 0; }
bool bit_at(std::uint8_t byte, int bit) { return (byte >> bit) & 1U; }

CheckError rejected(const std::string& why) { return CheckError{kNotDaikin + why}; }

// A swing nibble is all on or all off; anything else is a vane position these settings cannot
// express.
std::optional<bool> swing_nibble(std::uint8_t nibble) {
  if (nibble == 0x0) return false;
  if (nibble == 0xF) return true;
  return std::nullopt;
}

}  // namespace

Checked<DaikinState> encode_daikin_state(const DaikinSettings& settings) {
  if (const auto climate = validated(settings.climate, kDaikinTemperatures); !climate) {
    return CheckError{"DAIKIN cannot carry these settings: " + climate.error()};
  }
  if (const auto extras = check_daikin_extras(settings); !extras) {
    return CheckError{"DAIKIN cannot carry these settings: " + extras.error()};
  }
  const ClimateState& climate = settings.climate;
  DaikinState state = kTemplate;
  state[kByteComfort] = bit_if(settings.comfort, 4);
  state[kByteModePower] = static_cast<std::uint8_t>(bit_if(climate.power, 0) | 0x08 |
                                                    (daikin_mode_code(climate.mode) << 4));
  state[kByteTemp] = static_cast<std::uint8_t>(climate.target_c * 2);
  state[kByteFanSwingV] = static_cast<std::uint8_t>(
      (daikin_fan_code(climate.fan) << 4) | (swings_vertically(climate.swing) ? 0x0F : 0x00));
  state[kByteSwingH] = swings_horizontally(climate.swing) ? 0x0F : 0x00;
  state[kBytePowerfulQuiet] =
      static_cast<std::uint8_t>(bit_if(settings.powerful, 0) | bit_if(settings.quiet, 5));
  state[kByteSensorEcono] =
      static_cast<std::uint8_t>(bit_if(settings.sensor, 1) | bit_if(settings.econo, 2));
  state[kByteMold] = bit_if(settings.mold, 1);
  for (const auto& section : kSections) {
    const std::size_t last = section.first + section.length - 1;
    state[last] = daikin_sum(&state[section.first], section.length - 1);
  }
  return state;
}

PulseTrain daikin_pulse_train(const DaikinState& state) {
  PulseTrain train;
  train.carrier_hz = kDaikinCarrierHz;
  auto& out = train.durations_us;
  out.reserve(kDaikinDurations);
  append_bits_lsb_first(out, 0, kPreambleBits, kBits);
  out.push_back(kBits.mark_us);
  out.push_back(kGapUs);
  for (const auto& section : kSections) {
    out.push_back(kHeaderMarkUs);
    out.push_back(kHeaderSpaceUs);
    append_bytes_lsb_first(out, &state[section.first], section.length, kBits);
    out.push_back(kBits.mark_us);
    out.push_back(kGapUs);
  }
  return train;
}

Checked<PulseTrain> encode_daikin(const DaikinSettings& settings) {
  const auto state = encode_daikin_state(settings);
  if (!state) return CheckError{state.error()};
  return daikin_pulse_train(*state);
}

Checked<DaikinSettings> decode_daikin_state(const DaikinState& state) {
  for (const auto& [index, expected] : kFixedBytes) {
    if (state[index] != expected) {
      return rejected("byte " + std::to_string(index) + " is " + hex_byte(state[index]) +
                      ", expected " + hex_byte(expected));
    }
  }
  for (const auto& section : kSections) {
    const std::size_t last = section.first + section.length - 1;
    const std::uint8_t expected = daikin_sum(&state[section.first], section.length - 1);
    if (state[last] != expected) {
      return rejected(std::string("checksum of ") + section.name + " (byte " +
                      std::to_string(last) + ") is " + hex_byte(state[last]) + ", expected " +
                      hex_byte(expected));
    }
  }
  const std::uint8_t mode_code = (state[kByteModePower] >> 4) & 0x7;
  const auto mode = daikin_mode_from_code(mode_code);
  if (!mode) {
    return rejected("byte 21 mode code " + std::to_string(mode_code) + " is not a Daikin mode");
  }
  const std::uint8_t fan_code = state[kByteFanSwingV] >> 4;
  const auto fan = daikin_fan_from_code(fan_code);
  if (!fan) {
    return rejected("byte 24 fan code " + std::to_string(fan_code) + " is not a Daikin fan speed");
  }
  const auto vertical = swing_nibble(state[kByteFanSwingV] & 0xF);
  if (!vertical) {
    return rejected("byte 24 vertical swing " + hex_byte(state[kByteFanSwingV] & 0xF) +
                    " is neither 0x00 (off) nor 0x0F (swing)");
  }
  const auto horizontal = swing_nibble(state[kByteSwingH] & 0xF);
  if (!horizontal) {
    return rejected("byte 25 horizontal swing " + hex_byte(state[kByteSwingH] & 0xF) +
                    " is neither 0x00 (off) nor 0x0F (swing)");
  }
  DaikinSettings settings;
  settings.climate.power = bit_at(state[kByteModePower], 0);
  settings.climate.mode = *mode;
  settings.climate.target_c = state[kByteTemp] / 2.0;
  settings.climate.fan = *fan;
  settings.climate.swing = swing_from(*vertical, *horizontal);
  settings.powerful = bit_at(state[kBytePowerfulQuiet], 0);
  settings.quiet = bit_at(state[kBytePowerfulQuiet], 5);
  settings.sensor = bit_at(state[kByteSensorEcono], 1);
  settings.econo = bit_at(state[kByteSensorEcono], 2);
  settings.mold = bit_at(state[kByteMold], 1);
  settings.comfort = bit_at(state[kByteComfort], 4);
  return settings;
}

Checked<DaikinState> read_daikin_state(const std::vector<std::uint32_t>& durations,
                                       int tolerance_pct) {
  PulseReader reader(durations, tolerance_pct);
  reader.set_context("preamble");
  for (int bit = 0; bit < kPreambleBits; ++bit) {
    reader.expect(kBits.mark_us, "mark");
    reader.expect(kBits.zero_space_us, "space");
  }
  reader.expect(kBits.mark_us, "footer mark");
  reader.expect(kGapUs, "gap");
  DaikinState state{};
  for (const auto& section : kSections) {
    const bool last = &section == &kSections[2];
    reader.set_context(section.name);
    reader.expect(kHeaderMarkUs, "header mark");
    reader.expect(kHeaderSpaceUs, "header space");
    reader.read_bytes_lsb_first(kBits, &state[section.first], section.length, section.first);
    reader.expect(kBits.mark_us, "footer mark");
    if (last) {
      reader.expect_final_gap(kGapUs, "gap");
    } else {
      reader.expect(kGapUs, "gap");
    }
  }
  reader.set_context("");
  if (!reader.expect_end()) return rejected(reader.error());
  return state;
}

Checked<DaikinFrame> decode_daikin(const std::vector<std::uint32_t>& durations, int tolerance_pct) {
  const auto state = read_daikin_state(durations, tolerance_pct);
  if (!state) return CheckError{state.error()};
  const auto settings = decode_daikin_state(*state);
  if (!settings) return CheckError{settings.error()};
  DaikinFrame frame;
  frame.protocol = DaikinProtocol::kDaikin;
  frame.preamble = DaikinPreamble::kFiveZeroBits;
  frame.state.assign(state->begin(), state->end());
  frame.settings = *settings;
  return frame;
}

}  // namespace hil::ir
