// The Daikin codec: settings <-> state bytes <-> pulse train, for any DaikinLayout.
#include "firmware_core/ir/daikin_layout.h"

#include <algorithm>
#include <string>

namespace hil::ir {
namespace {

std::uint8_t bit_if(bool on, int bit) { return on ? static_cast<std::uint8_t>(1U << bit) : 0; }
bool bit_at(std::uint8_t byte, int bit) { return (byte >> bit) & 1U; }

bool flag(const std::uint8_t* state, DaikinBit where) {
  return bit_at(state[where.byte], where.bit);
}
void set_flag(std::uint8_t* state, DaikinBit where, bool on) {
  const auto mask = static_cast<std::uint8_t>(1U << where.bit);
  state[where.byte] =
      static_cast<std::uint8_t>((state[where.byte] & ~mask) | bit_if(on, where.bit));
}

std::string name_of(const DaikinLayout& layout) { return std::string(to_string(layout.protocol)); }

CheckError rejected(const DaikinLayout& layout, const std::string& why) {
  return CheckError{"not a " + name_of(layout) + " frame: " + why};
}

std::string byte_name(std::size_t index) { return "byte " + std::to_string(index); }

// A swing nibble is all on or all off; anything else is a vane position these settings cannot
// express.
std::optional<bool> swing_nibble(std::uint8_t nibble) {
  if (nibble == 0x0) return false;
  if (nibble == 0xF) return true;
  return std::nullopt;
}

std::string not_a_swing(std::size_t index, const char* which, std::uint8_t nibble) {
  return byte_name(index) + " " + which + " swing " + hex_byte(nibble) +
         " is neither 0x00 (off) nor 0x0F (swing)";
}

std::uint8_t section_sum(const std::uint8_t* state, const DaikinSection& section) {
  return daikin_sum(&state[section.first], section.length - 1);
}

// Reads the opening the layout allows. A timing mismatch stays in the reader (later calls fail
// too); a train that opens with neither a preamble nor a leader mark fails here.
Checked<DaikinPreamble> read_opening(const DaikinLayout& layout, PulseReader& reader,
                                     const std::vector<std::uint32_t>& durations) {
  reader.set_context("preamble");
  const bool has_leader = layout.leader_mark_us != 0;
  if (has_leader && reader.next_matches(layout.leader_mark_us)) {
    reader.expect(layout.leader_mark_us, "leader mark");
    reader.expect(layout.leader_space_us, "leader space");
    return DaikinPreamble::kLeaderMark;
  }
  if (has_leader && !durations.empty() && !reader.next_is_bit_mark(layout.bits)) {
    // Neither opening: say both, since either would have done.
    const BitEnvelope envelope(layout.bits);
    return rejected(
        layout, "preamble mark at index 0 is " + std::to_string(durations[0]) +
                    " us, expected a bit mark (" + std::to_string(envelope.mark_min_us) + ".." +
                    std::to_string(envelope.mark_max_us) + " us) for the five-bit preamble or " +
                    std::to_string(layout.leader_mark_us) + " +-" +
                    std::to_string(reader.tolerance_pct()) + "% for the leader");
  }
  // The zero bits, then a mark and the gap. A learning receiver may miss the first burst while its
  // gain settles, so one bit fewer will do: the preamble carries nothing.
  for (int zeros = 0; reader.read_bit_mark(layout.bits, "mark"); ++zeros) {
    const bool enough = zeros >= layout.preamble_bits - 1;
    if ((enough && reader.next_matches(layout.preamble_gap_us)) || zeros == layout.preamble_bits) {
      break;
    }
    reader.read_zero_space(layout.bits, "space");
  }
  reader.expect(layout.preamble_gap_us, "gap");
  return DaikinPreamble::kFiveZeroBits;
}

}  // namespace

Checked<DaikinSettings> check_daikin_settings(const DaikinLayout& layout,
                                              const DaikinSettings& settings) {
  // Built only on failure: encoding is a hot path.
  const auto refused = [&](const std::string& why) {
    return CheckError{name_of(layout) + " cannot carry these settings: " + why};
  };
  if (const auto climate = validated(settings.climate, layout.temperatures); !climate) {
    return refused(climate.error());
  }
  if (const auto extras = check_daikin_extras(settings); !extras) return refused(extras.error());
  if (settings.comfort && !layout.fields.comfort) return refused("it has no comfort setting");
  return settings;
}

void pack_daikin_state(const DaikinLayout& layout, const DaikinSettings& settings,
                       std::uint8_t* state) {
  const DaikinFields& at = layout.fields;
  const ClimateState& climate = settings.climate;
  std::copy(layout.initial_state.begin(), layout.initial_state.end(), state);
  state[at.mode_power] = static_cast<std::uint8_t>(bit_if(climate.power, 0) | 0x08 |
                                                   (daikin_mode_code(climate.mode) << 4));
  state[at.temperature] = static_cast<std::uint8_t>(climate.target_c * 2);
  state[at.fan_swing_v] = static_cast<std::uint8_t>(
      (daikin_fan_code(climate.fan) << 4) | (swings_vertically(climate.swing) ? 0x0F : 0x00));
  state[at.swing_h] = swings_horizontally(climate.swing) ? 0x0F : 0x00;
  set_flag(state, at.powerful, settings.powerful);
  set_flag(state, at.quiet, settings.quiet);
  set_flag(state, at.sensor, settings.sensor);
  set_flag(state, at.econo, settings.econo);
  set_flag(state, at.mold, settings.mold);
  if (at.comfort) set_flag(state, *at.comfort, settings.comfort);
  if (at.power_off) set_flag(state, *at.power_off, !climate.power);
  for (const auto& section : layout.sections) {
    state[section.first + section.length - 1] = section_sum(state, section);
  }
}

PulseTrain daikin_layout_pulse_train(const DaikinLayout& layout, const std::uint8_t* state) {
  PulseTrain train;
  train.carrier_hz = layout.carrier_hz;
  auto& out = train.durations_us;
  out.reserve(daikin_durations(layout));
  append_bits_lsb_first(out, 0, layout.preamble_bits, layout.bits);
  out.push_back(layout.bits.mark_us);
  out.push_back(layout.preamble_gap_us);
  for (const auto& section : layout.sections) {
    out.push_back(layout.header_mark_us);
    out.push_back(layout.header_space_us);
    append_bytes_lsb_first(out, &state[section.first], section.length, layout.bits);
    out.push_back(layout.bits.mark_us);
    out.push_back(section.gap_us);
  }
  return train;
}

Checked<PulseTrain> encode_daikin_train(const DaikinLayout& layout,
                                        const DaikinSettings& settings) {
  if (const auto valid = check_daikin_settings(layout, settings); !valid) {
    return CheckError{valid.error()};
  }
  std::uint8_t state[kDaikinMaxStateLength];
  pack_daikin_state(layout, settings, state);
  return daikin_layout_pulse_train(layout, state);
}

Checked<DaikinSettings> decode_daikin_settings(const DaikinLayout& layout,
                                               const std::uint8_t* state) {
  for (const auto& [index, expected] : layout.fixed_bytes) {
    if (state[index] != expected) {
      return rejected(layout, byte_name(index) + " is " + hex_byte(state[index]) + ", expected " +
                                  hex_byte(expected));
    }
  }
  for (const auto& section : layout.sections) {
    const std::size_t last = section.first + section.length - 1;
    const std::uint8_t expected = section_sum(state, section);
    if (state[last] != expected) {
      return rejected(layout, std::string("checksum of ") + section.name + " (byte " +
                                  std::to_string(last) + ") is " + hex_byte(state[last]) +
                                  ", expected " + hex_byte(expected));
    }
  }
  const DaikinFields& at = layout.fields;
  const bool power = bit_at(state[at.mode_power], 0);
  if (at.power_off && flag(state, *at.power_off) == power) {
    const std::string shown = power ? "1" : "0";
    return rejected(layout, byte_name(at.power_off->byte) + " bit " +
                                std::to_string(at.power_off->bit) + " (power off) is " + shown +
                                " but " + byte_name(at.mode_power) + " bit 0 (power) is " + shown);
  }
  const std::uint8_t mode_code = (state[at.mode_power] >> 4) & 0x7;
  const auto mode = daikin_mode_from_code(mode_code);
  if (!mode) {
    return rejected(layout, byte_name(at.mode_power) + " mode code " + std::to_string(mode_code) +
                                " is not a Daikin mode");
  }
  const std::uint8_t fan_code = state[at.fan_swing_v] >> 4;
  const auto fan = daikin_fan_from_code(fan_code);
  if (!fan) {
    return rejected(layout, byte_name(at.fan_swing_v) + " fan code " + std::to_string(fan_code) +
                                " is not a Daikin fan speed");
  }
  const std::uint8_t vertical_nibble = state[at.fan_swing_v] & 0xF;
  const auto vertical = swing_nibble(vertical_nibble);
  if (!vertical) return rejected(layout, not_a_swing(at.fan_swing_v, "vertical", vertical_nibble));
  const std::uint8_t horizontal_nibble = state[at.swing_h] & 0xF;
  const auto horizontal = swing_nibble(horizontal_nibble);
  if (!horizontal) {
    return rejected(layout, not_a_swing(at.swing_h, "horizontal", horizontal_nibble));
  }
  DaikinSettings settings;
  settings.climate.power = power;
  settings.climate.mode = *mode;
  settings.climate.target_c = (state[at.temperature] & at.temperature_mask) / 2.0;
  settings.climate.fan = *fan;
  settings.climate.swing = swing_from(*vertical, *horizontal);
  settings.powerful = flag(state, at.powerful);
  settings.quiet = flag(state, at.quiet);
  settings.sensor = flag(state, at.sensor);
  settings.econo = flag(state, at.econo);
  settings.mold = flag(state, at.mold);
  settings.comfort = at.comfort && flag(state, *at.comfort);
  return settings;
}

Checked<DaikinPreamble> read_daikin_durations(const DaikinLayout& layout,
                                              const std::vector<std::uint32_t>& durations,
                                              int tolerance_pct, std::uint8_t* state) {
  PulseReader reader(durations, tolerance_pct);
  auto opening = read_opening(layout, reader, durations);
  if (!opening) return opening;
  const DaikinSection& last = layout.sections[layout.sections.size - 1];
  for (const auto& section : layout.sections) {
    reader.set_context(section.name);
    reader.expect(layout.header_mark_us, "header mark");
    reader.expect(layout.header_space_us, "header space");
    reader.read_bytes_lsb_first(layout.bits, &state[section.first], section.length, section.first);
    reader.read_bit_mark(layout.bits, "footer mark");
    if (&section == &last) {
      reader.expect_final_gap(section.gap_us, "gap");
    } else {
      reader.expect(section.gap_us, "gap");
    }
  }
  reader.set_context("");
  if (!reader.expect_end()) return rejected(layout, reader.error());
  return opening;
}

Checked<DaikinFrame> decode_daikin_frame(const DaikinLayout& layout,
                                         const std::vector<std::uint32_t>& durations,
                                         int tolerance_pct) {
  std::uint8_t state[kDaikinMaxStateLength] = {};
  const auto opening = read_daikin_durations(layout, durations, tolerance_pct, state);
  if (!opening) return CheckError{opening.error()};
  const auto settings = decode_daikin_settings(layout, state);
  if (!settings) return CheckError{settings.error()};
  DaikinFrame frame;
  frame.protocol = layout.protocol;
  frame.preamble = *opening;
  frame.state.assign(state, state + layout.initial_state.size);
  frame.settings = *settings;
  return frame;
}

}  // namespace hil::ir
