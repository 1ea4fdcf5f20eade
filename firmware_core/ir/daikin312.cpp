// DAIKIN312 IR protocol: settings <-> state bytes <-> pulse train.
#include "firmware_core/ir/daikin312.h"

#include <optional>
#include <string>
#include <utility>

namespace hil::ir {
namespace {

constexpr BitTiming kBits{453, 414, 1275};
constexpr std::uint32_t kPreambleGapUs = 25100;
constexpr std::uint32_t kHeaderMarkUs = 3518;
constexpr std::uint32_t kHeaderSpaceUs = 1688;
constexpr std::uint32_t kSectionGapUs = 35512;
constexpr int kPreambleBits = 5;
// IRremoteESP8266's Daikin2 leader, which opens the Tuya-learned DAIKIN312 capture in its tests.
constexpr std::uint32_t kLeaderMarkUs = 10024;
constexpr std::uint32_t kLeaderSpaceUs = 25180;

struct Section {
  std::size_t first;
  std::size_t length;
  const char* name;
};
constexpr Section kSections[] = {{0, 20, "section 1"}, {20, 19, "section 2"}};

// Section signatures and section 1's model byte (0x02; DAIKIN2, framed alike, has 0x01 there).
constexpr std::pair<std::size_t, std::uint8_t> kFixedBytes[] = {
    {0, 0x11}, {1, 0xDA}, {2, 0x27}, {3, 0x00}, {4, 0x02}, {20, 0x11}, {21, 0xDA}, {22, 0x27}};

// Section 1 carries clock, light, beep and announcements, none of which the notes cover: sent as
// zeros. Section 2 as IRremoteESP8266's DAIKIN312 synthetic example has it, timers unused (0x600).
constexpr Daikin312State kTemplate = {
    0x11, 0xDA, 0x27, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,  // section 1
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x11, 0xDA, 0x27, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00,  // section 2
    0x00, 0x06, 0x60, 0x00, 0x00, 0xC5, 0x00, 0x08, 0x00};

constexpr std::size_t kBytePowerOff = 6;        // bit 7: 1 when the power is off
constexpr std::size_t kByteMold = 8;            // bit 3
constexpr std::size_t kByteModePower = 25;      // bit 0 power, bit 3 always 1, bits 4-6 mode
constexpr std::size_t kByteTemp = 26;           // bits 0-6: degrees C times 2
constexpr std::size_t kByteFanSwingV = 28;      // low nibble vertical swing, high nibble fan
constexpr std::size_t kByteSwingH = 29;         // low nibble horizontal swing
constexpr std::size_t kBytePowerfulQuiet = 33;  // bit 0 powerful, bit 5 quiet
constexpr std::size_t kByteSensorEcono = 36;    // bit 1 sensor (intelligent eye), bit 2 econo

constexpr const char* kNotDaikin312 = "not a DAIKIN312 frame: ";

std::uint8_t bit_if(bool on, int bit) { return on ? static_cast<std::uint8_t>(1U << bit) : 0; }
bool bit_at(std::uint8_t byte, int bit) { return (byte >> bit) & 1U; }

CheckError rejected(const std::string& why) { return CheckError{kNotDaikin312 + why}; }

std::optional<bool> swing_nibble(std::uint8_t nibble) {
  if (nibble == 0x0) return false;
  if (nibble == 0xF) return true;
  return std::nullopt;
}

}  // namespace

Checked<Daikin312State> encode_daikin312_state(const DaikinSettings& settings) {
  if (const auto climate = validated(settings.climate, kDaikin312Temperatures); !climate) {
    return CheckError{"DAIKIN312 cannot carry these settings: " + climate.error()};
  }
  if (const auto extras = check_daikin_extras(settings); !extras) {
    return CheckError{"DAIKIN312 cannot carry these settings: " + extras.error()};
  }
  if (settings.comfort) {
    return CheckError{"DAIKIN312 cannot carry these settings: it has no comfort setting"};
  }
  const ClimateState& climate = settings.climate;
  Daikin312State state = kTemplate;
  state[kBytePowerOff] = bit_if(!climate.power, 7);
  state[kByteMold] = bit_if(settings.mold, 3);
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
  for (const auto& section : kSections) {
    const std::size_t last = section.first + section.length - 1;
    state[last] = daikin_sum(&state[section.first], section.length - 1);
  }
  return state;
}

PulseTrain daikin312_pulse_train(const Daikin312State& state) {
  PulseTrain train;
  train.carrier_hz = kDaikin312CarrierHz;
  auto& out = train.durations_us;
  out.reserve(kDaikin312Durations);
  append_bits_lsb_first(out, 0, kPreambleBits, kBits);
  out.push_back(kBits.mark_us);
  out.push_back(kPreambleGapUs);
  for (const auto& section : kSections) {
    out.push_back(kHeaderMarkUs);
    out.push_back(kHeaderSpaceUs);
    append_bytes_lsb_first(out, &state[section.first], section.length, kBits);
    out.push_back(kBits.mark_us);
    out.push_back(kSectionGapUs);
  }
  return train;
}

Checked<PulseTrain> encode_daikin312(const DaikinSettings& settings) {
  const auto state = encode_daikin312_state(settings);
  if (!state) return CheckError{state.error()};
  return daikin312_pulse_train(*state);
}

Checked<DaikinSettings> decode_daikin312_state(const Daikin312State& state) {
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
  const bool power = bit_at(state[kByteModePower], 0);
  if (bit_at(state[kBytePowerOff], 7) == power) {
    return rejected(std::string("byte 6 bit 7 (power off) is ") + (power ? "1" : "0") +
                    " but byte 25 bit 0 (power) is " + (power ? "1" : "0"));
  }
  const std::uint8_t mode_code = (state[kByteModePower] >> 4) & 0x7;
  const auto mode = daikin_mode_from_code(mode_code);
  if (!mode) {
    return rejected("byte 25 mode code " + std::to_string(mode_code) + " is not a Daikin mode");
  }
  const std::uint8_t fan_code = state[kByteFanSwingV] >> 4;
  const auto fan = daikin_fan_from_code(fan_code);
  if (!fan) {
    return rejected("byte 28 fan code " + std::to_string(fan_code) + " is not a Daikin fan speed");
  }
  const auto vertical = swing_nibble(state[kByteFanSwingV] & 0xF);
  if (!vertical) {
    return rejected("byte 28 vertical swing " + hex_byte(state[kByteFanSwingV] & 0xF) +
                    " is neither 0x00 (off) nor 0x0F (swing)");
  }
  const auto horizontal = swing_nibble(state[kByteSwingH] & 0xF);
  if (!horizontal) {
    return rejected("byte 29 horizontal swing " + hex_byte(state[kByteSwingH] & 0xF) +
                    " is neither 0x00 (off) nor 0x0F (swing)");
  }
  DaikinSettings settings;
  settings.climate.power = power;
  settings.climate.mode = *mode;
  settings.climate.target_c = (state[kByteTemp] & 0x7F) / 2.0;
  settings.climate.fan = *fan;
  settings.climate.swing = swing_from(*vertical, *horizontal);
  settings.powerful = bit_at(state[kBytePowerfulQuiet], 0);
  settings.quiet = bit_at(state[kBytePowerfulQuiet], 5);
  settings.sensor = bit_at(state[kByteSensorEcono], 1);
  settings.econo = bit_at(state[kByteSensorEcono], 2);
  settings.mold = bit_at(state[kByteMold], 3);
  return settings;
}

Checked<Daikin312State> read_daikin312_state(const std::vector<std::uint32_t>& durations,
                                             int tolerance_pct, DaikinPreamble* preamble) {
  PulseReader reader(durations, tolerance_pct);
  reader.set_context("preamble");
  const bool leader = reader.next_matches(kLeaderMarkUs);
  if (leader) {
    reader.expect(kLeaderMarkUs, "leader mark");
    reader.expect(kLeaderSpaceUs, "leader space");
  } else if (!durations.empty() && !reader.next_matches(kBits.mark_us)) {
    // Neither opening: say both, since either would have done.
    return rejected("preamble mark at index 0 is " + std::to_string(durations[0]) +
                    " us, expected " + std::to_string(kBits.mark_us) + " (five-bit preamble) or " +
                    std::to_string(kLeaderMarkUs) + " (leader) +-" +
                    std::to_string(reader.tolerance_pct()) + "%");
  } else {
    for (int bit = 0; bit < kPreambleBits; ++bit) {
      reader.expect(kBits.mark_us, "mark");
      reader.expect(kBits.zero_space_us, "space");
    }
    reader.expect(kBits.mark_us, "footer mark");
    reader.expect(kPreambleGapUs, "gap");
  }
  Daikin312State state{};
  for (const auto& section : kSections) {
    const bool last = &section == &kSections[1];
    reader.set_context(section.name);
    reader.expect(kHeaderMarkUs, "header mark");
    reader.expect(kHeaderSpaceUs, "header space");
    reader.read_bytes_lsb_first(kBits, &state[section.first], section.length, section.first);
    reader.expect(kBits.mark_us, "footer mark");
    if (last) {
      reader.expect_final_gap(kSectionGapUs, "gap");
    } else {
      reader.expect(kSectionGapUs, "gap");
    }
  }
  reader.set_context("");
  if (!reader.expect_end()) return rejected(reader.error());
  if (preamble) *preamble = leader ? DaikinPreamble::kLeaderMark : DaikinPreamble::kFiveZeroBits;
  return state;
}

Checked<DaikinFrame> decode_daikin312(const std::vector<std::uint32_t>& durations,
                                      int tolerance_pct) {
  DaikinPreamble preamble = DaikinPreamble::kFiveZeroBits;
  const auto state = read_daikin312_state(durations, tolerance_pct, &preamble);
  if (!state) return CheckError{state.error()};
  const auto settings = decode_daikin312_state(*state);
  if (!settings) return CheckError{settings.error()};
  DaikinFrame frame;
  frame.protocol = DaikinProtocol::kDaikin312;
  frame.preamble = preamble;
  frame.state.assign(state->begin(), state->end());
  frame.settings = *settings;
  return frame;
}

}  // namespace hil::ir
