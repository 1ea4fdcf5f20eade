// Covers firmware_core/ir/daikin_layout.h through both protocols' public API (daikin.h,
// daikin312.h, daikin_detect.h): what DAIKIN and DAIKIN312 share, checked against the notes for
// each. Round trips, field positions, refusals, tolerance, truncation, corruption and foreign
// trains. Each protocol's golden vectors are in daikin_test.cpp and daikin312_test.cpp.
#include "firmware_core/ir/daikin_layout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "firmware_core/ir/daikin.h"
#include "firmware_core/ir/daikin312.h"
#include "firmware_core/ir/daikin_detect.h"

namespace hil::ir {
namespace {

using Bytes = std::vector<std::uint8_t>;
using Durations = std::vector<std::uint32_t>;

// Every duration scaled by its own factor in [1 - fraction, 1 + fraction]: a noisy receiver.
Durations jittered(Durations durations, double fraction, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> factor(1.0 - fraction, 1.0 + fraction);
  for (auto& d : durations) d = static_cast<std::uint32_t>(std::lround(d * factor(rng)));
  return durations;
}

Durations scaled(Durations durations, double factor) {
  for (auto& d : durations) d = static_cast<std::uint32_t>(std::lround(d * factor));
  return durations;
}

DaikinSettings settings_of(bool power, Mode mode, double target_c, FanSpeed fan, Swing swing) {
  DaikinSettings settings;
  settings.climate = ClimateState{power, mode, target_c, fan, swing};
  return settings;
}

const DaikinSettings kCool21 = settings_of(true, Mode::kCool, 21, FanSpeed::kAuto, Swing::kOff);

// Each protocol's fixed-size state API, seen through byte vectors so one test serves both.
template <typename State, Checked<State> (*Encode)(const DaikinSettings&)>
Checked<Bytes> encode_bytes(const DaikinSettings& settings) {
  const auto state = Encode(settings);
  if (!state) return CheckError{state.error()};
  return Bytes(state->begin(), state->end());
}

template <typename State, Checked<DaikinSettings> (*Decode)(const State&)>
Checked<DaikinSettings> decode_bytes(const Bytes& bytes) {
  State state{};
  std::copy(bytes.begin(), bytes.end(), state.begin());
  return Decode(state);
}

template <typename State, PulseTrain (*Train)(const State&)>
PulseTrain train_of_bytes(const Bytes& bytes) {
  State state{};
  std::copy(bytes.begin(), bytes.end(), state.begin());
  return Train(state);
}

struct SectionNote {
  std::size_t first;
  std::size_t length;
};

// A flag as the notes place it: the byte, and its value when only that flag is set.
struct FlagNote {
  std::size_t byte;
  std::uint8_t value;
};

// One protocol: its API, and its frame as specs/ir-and-home-assistant-notes.md gives it (written
// out here, not read from the layout, so the tests check the layout rather than repeat it).
struct Protocol {
  const char* name;
  DaikinProtocol id;
  Checked<PulseTrain> (*encode)(const DaikinSettings&);
  Checked<Bytes> (*encode_state)(const DaikinSettings&);
  Checked<DaikinSettings> (*decode_state)(const Bytes&);
  PulseTrain (*pulse_train)(const Bytes&);
  Checked<DaikinFrame> (*decode)(const Durations&, int);

  std::uint32_t carrier_hz;
  BitTiming bits;
  std::uint32_t preamble_gap_us;
  std::uint32_t header_mark_us;
  std::uint32_t header_space_us;
  std::uint32_t gap_us;
  std::vector<SectionNote> sections;
  double step_c;
  double off_step_c;  // a set point between steps
  std::size_t mode_power;
  std::size_t temperature;
  std::size_t fan_swing_v;
  std::size_t swing_h;
  std::vector<std::pair<void (*)(DaikinSettings&), FlagNote>> extras;  // comfort where carried
  Checked<PulseTrain> (*encode_other)(const DaikinSettings&);
  const char* other_error;  // decoding the other protocol's train
};

const Protocol kDaikinNotes = {
    "DAIKIN",
    DaikinProtocol::kDaikin,
    encode_daikin,
    encode_bytes<DaikinState, encode_daikin_state>,
    decode_bytes<DaikinState, decode_daikin_state>,
    train_of_bytes<DaikinState, daikin_pulse_train>,
    decode_daikin,
    38000,                       // carrier_hz
    {428, 428, 1280},            // bits
    29428,                       // preamble_gap_us
    3650,                        // header_mark_us
    1623,                        // header_space_us
    29428,                       // gap_us
    {{0, 8}, {8, 8}, {16, 19}},  // sections
    0.5,                         // step_c
    21.25,                       // off_step_c
    21,                          // mode_power
    22,                          // temperature
    24,                          // fan_swing_v
    25,                          // swing_h
    {{[](DaikinSettings& s) { s.powerful = true; }, {29, 0x01}},
     {[](DaikinSettings& s) { s.quiet = true; }, {29, 0x20}},
     {[](DaikinSettings& s) { s.sensor = true; }, {32, 0x02}},
     {[](DaikinSettings& s) { s.econo = true; }, {32, 0x04}},
     {[](DaikinSettings& s) { s.mold = true; }, {33, 0x02}},
     {[](DaikinSettings& s) { s.comfort = true; }, {6, 0x10}}},
    encode_daikin312,
    "section 1 gap at index 143 is 414 us, expected 29428 +-35%",
};

const Protocol kDaikin312Notes = {
    "DAIKIN312",
    DaikinProtocol::kDaikin312,
    encode_daikin312,
    encode_bytes<Daikin312State, encode_daikin312_state>,
    decode_bytes<Daikin312State, decode_daikin312_state>,
    train_of_bytes<Daikin312State, daikin312_pulse_train>,
    decode_daikin312,
    36700,                // carrier_hz
    {453, 414, 1275},     // bits
    25100,                // preamble_gap_us
    3518,                 // header_mark_us
    1688,                 // header_space_us
    35512,                // gap_us
    {{0, 20}, {20, 19}},  // sections
    0.5,                  // step_c
    21.25,                // off_step_c
    25,                   // mode_power
    26,                   // temperature
    28,                   // fan_swing_v
    29,                   // swing_h
    {{[](DaikinSettings& s) { s.powerful = true; }, {33, 0x01}},
     {[](DaikinSettings& s) { s.quiet = true; }, {33, 0x20}},
     {[](DaikinSettings& s) { s.sensor = true; }, {36, 0x02}},
     {[](DaikinSettings& s) { s.econo = true; }, {36, 0x04}},
     {[](DaikinSettings& s) { s.mold = true; }, {8, 0x08}}},
    encode_daikin,
    "section 1 byte 8 bit 0 space at index 143 is 29428 us, outside a bit space's 104..1912 us "
    "(414 for a 0, 1275 for a 1)",
};

// Test names and failure messages show the protocol's name rather than the parameter's address.
void PrintTo(const Protocol* protocol, std::ostream* os) { *os << protocol->name; }

class DaikinProtocolTest : public testing::TestWithParam<const Protocol*> {
 protected:
  const Protocol& p() const { return *GetParam(); }

  std::string rejected(const std::string& why) const {
    return std::string("not a ") + p().name + " frame: " + why;
  }
  std::string refused(const std::string& why) const {
    return std::string(p().name) + " cannot carry these settings: " + why;
  }

  Bytes state_of(const DaikinSettings& settings) const {
    const auto state = p().encode_state(settings);
    EXPECT_TRUE(state.ok()) << state.error();
    return state.ok() ? *state : Bytes{};
  }
  Durations train_of(const DaikinSettings& settings) const {
    const auto train = p().encode(settings);
    EXPECT_TRUE(train.ok()) << train.error();
    return train.ok() ? train->durations_us : Durations{};
  }
  Checked<DaikinFrame> decode(const Durations& durations) const {
    return p().decode(durations, kDefaultTolerancePct);
  }

  Bytes with_checksums(Bytes state) const {
    for (const auto& s : p().sections) {
      state[s.first + s.length - 1] = daikin_sum(&state[s.first], s.length - 1);
    }
    return state;
  }

  // Where section i's header mark stands in the train: after the five-bit preamble (12 durations)
  // and the sections before it (header, 16 durations a byte, footer mark, gap).
  std::size_t section_start(std::size_t i) const {
    std::size_t index = 12;
    for (std::size_t j = 0; j < i; ++j) index += 4 + 16 * p().sections[j].length;
    return index;
  }
  std::size_t gap_index(std::size_t i) const {
    return section_start(i) + 3 + 16 * p().sections[i].length;
  }
  std::size_t last_section() const { return p().sections.size() - 1; }
  std::string section_name(std::size_t i) const { return "section " + std::to_string(i + 1); }
};

// --------------------------------------------------------------------------------------------
// Layout, one field at a time

TEST_P(DaikinProtocolTest, TrainLayoutFollowsTheNotes) {
  const auto train = *p().encode(kCool21);
  const auto& d = train.durations_us;
  EXPECT_EQ(train.carrier_hz, p().carrier_hz);
  ASSERT_EQ(d.size(), gap_index(last_section()) + 1);
  for (std::size_t i = 0; i < 10; i += 2) {
    EXPECT_EQ(d[i], p().bits.mark_us) << i;
    EXPECT_EQ(d[i + 1], p().bits.zero_space_us) << i;
  }
  EXPECT_EQ(d[10], p().bits.mark_us);
  EXPECT_EQ(d[11], p().preamble_gap_us);
  for (std::size_t i = 0; i < p().sections.size(); ++i) {
    EXPECT_EQ(d[section_start(i)], p().header_mark_us) << i;
    EXPECT_EQ(d[section_start(i) + 1], p().header_space_us) << i;
    EXPECT_EQ(d[gap_index(i) - 1], p().bits.mark_us) << i;
    EXPECT_EQ(d[gap_index(i)], p().gap_us) << i;
  }
  EXPECT_EQ(ending_on_last_mark(train).durations_us.size(), d.size() - 1)
      << "what a Tuya code carries";
}

TEST_P(DaikinProtocolTest, EachFieldLandsWhereTheNotesSay) {
  const auto base_settings = settings_of(false, Mode::kAuto, 10, FanSpeed::kAuto, Swing::kOff);
  const auto base = state_of(base_settings);
  ASSERT_FALSE(base.empty());
  EXPECT_EQ(base[p().mode_power], 0x08) << "bit 3 always set";
  EXPECT_EQ(base[p().temperature], 20);
  EXPECT_EQ(base[p().fan_swing_v], 0xA0);

  const auto byte_after = [&](auto change) {
    auto settings = base_settings;
    change(settings);
    const auto state = state_of(settings);
    EXPECT_TRUE(p().decode_state(state).ok()) << "checksums follow";
    return state;
  };
  const std::size_t mode = p().mode_power;
  EXPECT_EQ(byte_after([](auto& s) { s.climate.power = true; })[mode], 0x09);
  EXPECT_EQ(byte_after([](auto& s) { s.climate.mode = Mode::kDry; })[mode], 0x28);
  EXPECT_EQ(byte_after([](auto& s) { s.climate.mode = Mode::kCool; })[mode], 0x38);
  EXPECT_EQ(byte_after([](auto& s) { s.climate.mode = Mode::kHeat; })[mode], 0x48);
  EXPECT_EQ(byte_after([](auto& s) { s.climate.mode = Mode::kFanOnly; })[mode], 0x68);
  EXPECT_EQ(byte_after([](auto& s) { s.climate.target_c = 32; })[p().temperature], 64);
  const std::size_t fan = p().fan_swing_v;
  EXPECT_EQ(byte_after([](auto& s) { s.climate.fan = FanSpeed::k1; })[fan], 0x30);
  EXPECT_EQ(byte_after([](auto& s) { s.climate.fan = FanSpeed::k5; })[fan], 0x70);
  EXPECT_EQ(byte_after([](auto& s) { s.climate.fan = FanSpeed::kQuiet; })[fan], 0xB0);
  EXPECT_EQ(byte_after([](auto& s) { s.climate.swing = Swing::kVertical; })[fan], 0xAF);
  EXPECT_EQ(byte_after([](auto& s) { s.climate.swing = Swing::kHorizontal; })[p().swing_h], 0x0F);
  const auto both = byte_after([](auto& s) { s.climate.swing = Swing::kBoth; });
  EXPECT_EQ(both[fan], 0xAF);
  EXPECT_EQ(both[p().swing_h], 0x0F);
  for (const auto& [set, flag] : p().extras) {
    EXPECT_EQ(byte_after(set)[flag.byte], flag.value) << "byte " << flag.byte;
  }
}

TEST_P(DaikinProtocolTest, RefusesSettingsItCannotCarry) {
  const std::string step = format_celsius(p().step_c);
  EXPECT_EQ(p().encode(settings_of(true, Mode::kCool, p().off_step_c, FanSpeed::kAuto, Swing::kOff))
                .error(),
            refused("temperature " + format_celsius(p().off_step_c) + " C is not a multiple of " +
                    step + " C"));
  for (const double outside : {9.5, 33.0}) {
    EXPECT_EQ(
        p().encode(settings_of(true, Mode::kCool, outside, FanSpeed::kAuto, Swing::kOff)).error(),
        refused("temperature " + format_celsius(outside) + " C is out of range 10..32 C"));
  }
  auto settings = kCool21;
  settings.powerful = true;
  settings.quiet = true;
  EXPECT_EQ(p().encode(settings).error(), refused("powerful and quiet cannot both be on"));
  settings.quiet = false;
  settings.econo = true;
  EXPECT_EQ(p().encode(settings).error(), refused("powerful and econo cannot both be on"));
}

TEST_P(DaikinProtocolTest, ReportsFieldValuesNoRemoteSends) {
  const auto base = state_of(kCool21);
  ASSERT_FALSE(base.empty());
  const auto decoded_with = [&](std::size_t index, std::uint8_t value) {
    auto state = base;
    state[index] = value;
    return p().decode_state(with_checksums(state)).error();
  };
  const std::string mode = "byte " + std::to_string(p().mode_power);
  const std::string fan = "byte " + std::to_string(p().fan_swing_v);
  const std::string swing_h = "byte " + std::to_string(p().swing_h);
  EXPECT_EQ(decoded_with(p().mode_power, 0x59),
            rejected(mode + " mode code 5 is not a Daikin mode"));
  EXPECT_EQ(decoded_with(p().fan_swing_v, 0x20),
            rejected(fan + " fan code 2 is not a Daikin fan speed"));
  EXPECT_EQ(decoded_with(p().fan_swing_v, 0xA3),  // a vane position
            rejected(fan + " vertical swing 0x03 is neither 0x00 (off) nor 0x0F (swing)"));
  EXPECT_EQ(decoded_with(p().swing_h, 0x05),
            rejected(swing_h + " horizontal swing 0x05 is neither 0x00 (off) nor 0x0F (swing)"));
}

// --------------------------------------------------------------------------------------------
// Checksums and fixed bytes

TEST_P(DaikinProtocolTest, EachSectionsChecksumIsChecked) {
  const auto valid = state_of(kCool21);
  ASSERT_FALSE(valid.empty());
  for (std::size_t i = 0; i < p().sections.size(); ++i) {
    const std::size_t last = p().sections[i].first + p().sections[i].length - 1;
    auto state = valid;
    state[last] = static_cast<std::uint8_t>(state[last] + 1);
    EXPECT_EQ(p().decode_state(state).error(),
              rejected("checksum of " + section_name(i) + " (byte " + std::to_string(last) +
                       ") is " + hex_byte(state[last]) + ", expected " + hex_byte(valid[last])));
  }
}

TEST_P(DaikinProtocolTest, ChecksumCorruptionInATrainIsReported) {
  auto state = state_of(kCool21);
  ASSERT_FALSE(state.empty());
  const std::uint8_t expected = state.back();
  state.back() = 0x12;
  EXPECT_EQ(
      decode(p().pulse_train(state).durations_us).error(),
      rejected("checksum of " + section_name(last_section()) + " (byte " +
               std::to_string(state.size() - 1) + ") is 0x12, expected " + hex_byte(expected)));
}

TEST_P(DaikinProtocolTest, EachSectionsSignatureIsChecked) {
  const auto valid = state_of(kCool21);
  ASSERT_FALSE(valid.empty());
  for (const auto& section : p().sections) {
    auto state = valid;
    state[section.first] = 0xEE;
    EXPECT_EQ(p().decode_state(with_checksums(state)).error(),
              rejected("byte " + std::to_string(section.first) + " is 0xEE, expected 0x11"));
  }
}

// --------------------------------------------------------------------------------------------
// Round trips

TEST_P(DaikinProtocolTest, EveryModeFanSwingAndTemperatureRoundTrips) {
  const int steps = static_cast<int>(std::lround((32 - 10) / p().step_c)) + 1;
  int checked = 0;
  for (const bool power : {false, true}) {
    for (const Mode mode : kAllModes) {
      for (const FanSpeed fan : kAllFanSpeeds) {
        for (const Swing swing : kAllSwings) {
          for (int step = 0; step < steps; ++step) {
            const auto settings = settings_of(power, mode, 10 + step * p().step_c, fan, swing);
            const auto train = p().encode(settings);
            ASSERT_TRUE(train.ok()) << train.error();
            const auto frame = decode(train->durations_us);
            ASSERT_TRUE(frame.ok()) << frame.error() << " for " << to_string(settings);
            ASSERT_EQ(frame->protocol, p().id);
            ASSERT_EQ(frame->preamble, DaikinPreamble::kFiveZeroBits);
            ASSERT_EQ(frame->settings, settings) << to_string(frame->settings);
            ASSERT_EQ(frame->state, state_of(settings));
            ++checked;
          }
        }
      }
    }
  }
  EXPECT_EQ(checked, 2 * 5 * 7 * 4 * steps);
}

TEST_P(DaikinProtocolTest, EveryExtraRoundTrips) {
  const std::size_t count = p().extras.size();
  for (unsigned mask = 0; mask < (1U << count); ++mask) {
    auto settings = settings_of(true, Mode::kHeat, 22, FanSpeed::k2, Swing::kBoth);
    for (std::size_t i = 0; i < count; ++i) {
      if (mask & (1U << i)) p().extras[i].first(settings);
    }
    const auto train = p().encode(settings);
    if (settings.powerful && (settings.quiet || settings.econo)) {
      EXPECT_FALSE(train.ok());
      continue;
    }
    ASSERT_TRUE(train.ok()) << train.error();
    const auto frame = decode(train->durations_us);
    ASSERT_TRUE(frame.ok()) << frame.error();
    EXPECT_EQ(frame->settings, settings) << to_string(frame->settings);
  }
}

// --------------------------------------------------------------------------------------------
// Real-world trains: jitter, missing or long final gap, truncation, foreign protocols

TEST_P(DaikinProtocolTest, ThirtyPercentJitterDecodes) {
  const auto settings = settings_of(true, Mode::kDry, 26, FanSpeed::k4, Swing::kVertical);
  const auto durations = train_of(settings);
  for (unsigned seed = 1; seed <= 200; ++seed) {
    const auto frame = decode(jittered(durations, 0.30, seed));
    ASSERT_TRUE(frame.ok()) << "seed " << seed << ": " << frame.error();
    EXPECT_EQ(frame->settings, settings);
  }
  for (const double factor : {0.70, 1.30}) {
    const auto frame = decode(scaled(durations, factor));
    EXPECT_TRUE(frame.ok()) << factor << ": " << frame.error();
  }
}

TEST_P(DaikinProtocolTest, EachBitIsDecidedByTheMidpointOfItsSpaces) {
  // Every zero space stretched up to the midpoint of the zero and one spaces, every one space cut
  // down to just past it: the same frame.
  const auto settings = settings_of(true, Mode::kHeat, 23, FanSpeed::k3, Swing::kHorizontal);
  auto durations = train_of(settings);
  const std::uint32_t midpoint = (p().bits.zero_space_us + p().bits.one_space_us) / 2;
  for (std::size_t i = 0; i < p().sections.size(); ++i) {
    const std::size_t first_space = section_start(i) + 3;
    for (std::size_t bit = 0; bit < 8 * p().sections[i].length; ++bit) {
      auto& space = durations[first_space + 2 * bit];
      space = space == p().bits.one_space_us ? midpoint + 1 : midpoint;
    }
  }
  const auto frame = decode(durations);
  ASSERT_TRUE(frame.ok()) << frame.error();
  EXPECT_EQ(frame->settings, settings);
  EXPECT_EQ(frame->state, state_of(settings));
}

TEST_P(DaikinProtocolTest, MarksSampledShortAndSpacesLongDecode) {
  // What learning blasters do: each edge from mark to space comes early (or late) by 40 % of a bit
  // mark, so every mark loses what the space after it gains (or the reverse).
  const auto settings = settings_of(true, Mode::kCool, 24, FanSpeed::kQuiet, Swing::kBoth);
  const auto nominal = train_of(settings);
  const auto shift = static_cast<std::int64_t>(p().bits.mark_us * 2 / 5);
  for (const std::int64_t edge : {-shift, shift}) {
    auto durations = nominal;
    for (std::size_t i = 0; i < durations.size(); ++i) {
      durations[i] = static_cast<std::uint32_t>(durations[i] + (i % 2 == 0 ? edge : -edge));
    }
    const auto frame = decode(durations);
    ASSERT_TRUE(frame.ok()) << "edge moved " << edge << " us: " << frame.error();
    EXPECT_EQ(frame->settings, settings);
  }
}

TEST_P(DaikinProtocolTest, ABitOutsideTheEnvelopeIsRefused) {
  const BitEnvelope envelope(p().bits);
  const std::size_t mark = section_start(1) + 2 + 16 * 2 + 2 * 5;  // section 2, its byte 2, bit 5
  const std::string byte = std::to_string(p().sections[1].first + 2);
  const std::string marks = "outside a bit mark's " + std::to_string(envelope.mark_min_us) + ".." +
                            std::to_string(envelope.mark_max_us) + " us (nominal " +
                            std::to_string(p().bits.mark_us) + ")";
  const std::string spaces = "outside a bit space's " + std::to_string(envelope.space_min_us) +
                             ".." + std::to_string(envelope.space_max_us) + " us (" +
                             std::to_string(p().bits.zero_space_us) + " for a 0, " +
                             std::to_string(p().bits.one_space_us) + " for a 1)";
  for (const std::uint32_t wrong : {envelope.mark_min_us - 1, envelope.mark_max_us + 1}) {
    auto durations = train_of(kCool21);
    durations[mark] = wrong;
    EXPECT_EQ(decode(durations).error(),
              rejected("section 2 byte " + byte + " bit 5 mark at index " + std::to_string(mark) +
                       " is " + std::to_string(wrong) + " us, " + marks));
  }
  for (const std::uint32_t wrong : {envelope.space_min_us - 1, envelope.space_max_us + 1}) {
    auto durations = train_of(kCool21);
    durations[mark + 1] = wrong;
    EXPECT_EQ(
        decode(durations).error(),
        rejected("section 2 byte " + byte + " bit 5 space at index " + std::to_string(mark + 1) +
                 " is " + std::to_string(wrong) + " us, " + spaces));
  }
}

TEST_P(DaikinProtocolTest, AFlippedBitIsCaughtByTheChecksum) {
  auto durations = train_of(kCool21);
  const std::size_t space = section_start(0) + 3 + 2 * 8 * 5;  // byte 5 bit 0 of section 1
  ASSERT_EQ(durations[space], p().bits.zero_space_us);
  durations[space] = p().bits.one_space_us;
  const auto frame = decode(durations);
  ASSERT_FALSE(frame.ok());
  EXPECT_EQ(frame.error().rfind(rejected("checksum of section 1 (byte "), 0), 0U) << frame.error();
}

TEST_P(DaikinProtocolTest, APreambleMissingItsFirstBitDecodes) {
  // A learning receiver may miss the first burst while its gain settles.
  const auto full = train_of(kCool21);
  const auto frame = decode({full.begin() + 2, full.end()});
  ASSERT_TRUE(frame.ok()) << frame.error();
  EXPECT_EQ(frame->preamble, DaikinPreamble::kFiveZeroBits);
  EXPECT_EQ(frame->settings, kCool21);
}

TEST_P(DaikinProtocolTest, APreambleOfThreeOrSixBitsOrWithAOneIsRefused) {
  const BitEnvelope envelope(p().bits);
  const auto full = train_of(kCool21);
  EXPECT_EQ(decode({full.begin() + 4, full.end()}).error(),
            rejected("preamble space at index 7 is " + std::to_string(p().preamble_gap_us) +
                     " us, outside a bit space's " + std::to_string(envelope.space_min_us) + ".." +
                     std::to_string(envelope.space_max_us) + " us (" +
                     std::to_string(p().bits.zero_space_us) + " for a 0, " +
                     std::to_string(p().bits.one_space_us) + " for a 1)"));
  auto six = full;
  six.insert(six.begin(), {p().bits.mark_us, p().bits.zero_space_us});
  EXPECT_EQ(decode(six).error(),
            rejected("preamble gap at index 11 is " + std::to_string(p().bits.zero_space_us) +
                     " us, expected " + std::to_string(p().preamble_gap_us) + " +-35%"));
  auto with_one = full;
  with_one[3] = p().bits.one_space_us;
  const std::string midpoint =
      std::to_string((p().bits.zero_space_us + p().bits.one_space_us) / 2) +
      ((p().bits.zero_space_us + p().bits.one_space_us) % 2 ? ".5" : "");
  EXPECT_EQ(decode(with_one).error(),
            rejected("preamble space at index 3 is " + std::to_string(p().bits.one_space_us) +
                     " us, a 1 (over the " + midpoint + " us midpoint) where only 0s are sent"));
}

TEST_P(DaikinProtocolTest, FiftyPercentOffFails) {
  // Bits half as long again or half as long still read (the midpoint rule), the preamble's gap
  // does not.
  const auto durations = train_of(kCool21);
  for (const double factor : {1.5, 0.5}) {
    const auto gap = std::lround(p().preamble_gap_us * factor);
    EXPECT_EQ(decode(scaled(durations, factor)).error(),
              rejected("preamble gap at index 11 is " + std::to_string(gap) + " us, expected " +
                       std::to_string(p().preamble_gap_us) + " +-35%"));
  }
}

TEST_P(DaikinProtocolTest, AWrongHeaderIsNamedWithItsIndex) {
  auto durations = train_of(kCool21);
  const std::size_t start = section_start(1);
  durations[start] = 900;
  EXPECT_EQ(decode(durations).error(),
            rejected("section 2 header mark at index " + std::to_string(start) +
                     " is 900 us, expected " + std::to_string(p().header_mark_us) + " +-35%"));
}

TEST_P(DaikinProtocolTest, FinalGapMayBeMissingOrLong) {
  auto durations = train_of(kCool21);
  EXPECT_TRUE(decode({durations.begin(), durations.end() - 1}).ok());
  durations.back() = 65535;  // over-range gaps appear in learned codes
  EXPECT_TRUE(decode(durations).ok());
  durations.back() = 10000;
  EXPECT_EQ(decode(durations).error(),
            rejected(section_name(last_section()) + " gap at index " +
                     std::to_string(durations.size() - 1) + " is 10000 us, expected at least " +
                     std::to_string(p().gap_us) + " -35%"));
}

TEST_P(DaikinProtocolTest, ATruncatedTrainIsReported) {
  const auto durations = train_of(kCool21);
  const auto cut = [&](std::size_t length) {
    return decode({durations.begin(), durations.begin() + static_cast<std::ptrdiff_t>(length)})
        .error();
  };
  const auto truncated = [&](std::size_t index, const std::string& what) {
    return rejected("the train ends at index " + std::to_string(index) + ", where the " + what +
                    " was expected (truncated)");
  };
  EXPECT_EQ(cut(0), truncated(0, "preamble mark"));
  EXPECT_EQ(cut(gap_index(0)), truncated(gap_index(0), "section 1 gap"));
  EXPECT_EQ(cut(section_start(1)), truncated(section_start(1), "section 2 header mark"));
  // Bit 3 of the last section's second byte: header, one byte, three bits in.
  const std::size_t last = last_section();
  const std::size_t bit3 = section_start(last) + 2 + 16 + 6;
  EXPECT_EQ(cut(bit3),
            truncated(bit3, section_name(last) + " byte " +
                                std::to_string(p().sections[last].first + 1) + " bit 3 mark"));
  for (std::size_t length = 0; length < durations.size() - 1; ++length) {
    EXPECT_FALSE(cut(length).empty()) << length;
  }
}

TEST_P(DaikinProtocolTest, TrailingDurationsAreReported) {
  auto durations = train_of(kCool21);
  durations.push_back(p().bits.mark_us);
  EXPECT_EQ(decode(durations).error(),
            rejected("1 durations follow the end of the frame at index " +
                     std::to_string(durations.size() - 1)));
}

TEST_P(DaikinProtocolTest, RejectsAnNecFrame) {
  // NEC: 9 ms / 4.5 ms header, 32 bits of mark 560 with spaces 560 / 1690, a final mark.
  Durations nec = {9000, 4500};
  append_bits_lsb_first(nec, 0xF708FB04, 32, BitTiming{560, 560, 1690});
  nec.push_back(560);
  const auto frame = decode(nec);
  ASSERT_FALSE(frame.ok());
  EXPECT_EQ(frame.error().rfind(rejected("preamble "), 0), 0U) << frame.error();
}

TEST_P(DaikinProtocolTest, RejectsTheOtherProtocol) {
  EXPECT_EQ(decode(p().encode_other(kCool21)->durations_us).error(), rejected(p().other_error));
}

// --------------------------------------------------------------------------------------------
// Which protocol is it?

TEST_P(DaikinProtocolTest, DetectionNamesTheProtocol) {
  const auto settings = settings_of(true, Mode::kHeat, 22, FanSpeed::k2, Swing::kVertical);
  const auto durations = train_of(settings);
  const auto frame = decode_any_daikin(durations);
  ASSERT_TRUE(frame.ok()) << frame.error();
  EXPECT_EQ(frame->protocol, p().id);
  EXPECT_EQ(to_string(frame->protocol), p().name);
  EXPECT_EQ(frame->settings, settings);
  EXPECT_EQ(frame->state, state_of(settings));
  const auto noisy = decode_any_daikin(jittered(durations, 0.3, 7));
  ASSERT_TRUE(noisy.ok()) << noisy.error();
  EXPECT_EQ(noisy->protocol, p().id);
}

INSTANTIATE_TEST_SUITE_P(Notes, DaikinProtocolTest,
                         testing::Values(&kDaikinNotes, &kDaikin312Notes),
                         [](const testing::TestParamInfo<const Protocol*>& info) {
                           return std::string(info.param->name);
                         });

TEST(DaikinDetect, AnEmptyTrainGivesBothReasons) {
  EXPECT_EQ(
      decode_any_daikin({}).error(),
      "not a Daikin frame: as DAIKIN, the train ends at index 0, where the preamble mark was "
      "expected (truncated); as DAIKIN312, the train ends at index 0, where the preamble mark "
      "was expected (truncated)");
}

}  // namespace
}  // namespace hil::ir
