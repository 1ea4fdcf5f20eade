// Pulse trains and pulse-distance coding.
#include "firmware_core/ir/pulse_train.h"

#include <algorithm>

namespace hil::ir {

bool operator==(const PulseTrain& a, const PulseTrain& b) {
  return a.carrier_hz == b.carrier_hz && a.durations_us == b.durations_us;
}

PulseTrain ending_on_last_mark(PulseTrain train) {
  // Marks sit at even indices, so an even length ends on a space.
  if (!train.durations_us.empty() && train.durations_us.size() % 2 == 0) {
    train.durations_us.pop_back();
  }
  return train;
}

namespace {

// A duration's accepted range in hundredths of a microsecond: integers only, and computed once
// per bit timing rather than once per duration. 64 bits hold any 32-bit duration times 200.
struct Window {
  Window(std::uint32_t expected_us, int tolerance_pct) {
    const std::uint64_t pct = static_cast<std::uint64_t>(std::clamp(tolerance_pct, 0, 100));
    low = expected_us * (100 - pct);
    high = expected_us * (100 + pct);
  }
  bool holds(std::uint32_t measured_us) const {
    const std::uint64_t measured = static_cast<std::uint64_t>(measured_us) * 100;
    return measured >= low && measured <= high;
  }
  std::uint64_t low;
  std::uint64_t high;
};

// pct percent of nominal_us in whole microseconds, rounded up for a lower bound and down for an
// upper one, so that the bounds messages print are exactly the ones applied.
std::uint32_t percent_up(std::uint32_t nominal_us, std::uint64_t pct) {
  return static_cast<std::uint32_t>((nominal_us * pct + 99) / 100);
}
std::uint32_t percent_down(std::uint32_t nominal_us, std::uint64_t pct) {
  return static_cast<std::uint32_t>(nominal_us * pct / 100);
}

std::string range_text(std::uint32_t low_us, std::uint32_t high_us) {
  return std::to_string(low_us) + ".." + std::to_string(high_us) + " us";
}

// "854" or "844.5": the midpoint, which may fall on a half microsecond.
std::string midpoint_text(std::uint64_t twice_midpoint_us) {
  return std::to_string(twice_midpoint_us / 2) + (twice_midpoint_us % 2 ? ".5" : "");
}

std::string mark_envelope_text(const BitEnvelope& envelope, const BitTiming& timing) {
  return "a bit mark's " + range_text(envelope.mark_min_us, envelope.mark_max_us) + " (nominal " +
         std::to_string(timing.mark_us) + ")";
}

std::string space_envelope_text(const BitEnvelope& envelope, const BitTiming& timing) {
  return "a bit space's " + range_text(envelope.space_min_us, envelope.space_max_us) + " (" +
         std::to_string(timing.zero_space_us) + " for a 0, " + std::to_string(timing.one_space_us) +
         " for a 1)";
}

}  // namespace

BitEnvelope::BitEnvelope(const BitTiming& timing)
    : mark_min_us(percent_up(timing.mark_us, 25)),
      mark_max_us(percent_down(timing.mark_us, 200)),
      space_min_us(percent_up(timing.zero_space_us, 25)),
      space_max_us(percent_down(timing.one_space_us, 150)),
      twice_midpoint_us(static_cast<std::uint64_t>(timing.zero_space_us) + timing.one_space_us) {}

bool within_tolerance(std::uint32_t measured_us, std::uint32_t expected_us, int tolerance_pct) {
  return Window(expected_us, tolerance_pct).holds(measured_us);
}

bool at_least(std::uint32_t measured_us, std::uint32_t expected_us, int tolerance_pct) {
  const std::uint64_t pct = static_cast<std::uint64_t>(std::clamp(tolerance_pct, 0, 100));
  return static_cast<std::uint64_t>(measured_us) * 100 >= expected_us * (100 - pct);
}

void append_bits_lsb_first(std::vector<std::uint32_t>& out, std::uint64_t bits, int count,
                           const BitTiming& timing) {
  for (int i = 0; i < count; ++i) {
    out.push_back(timing.mark_us);
    out.push_back((bits >> i) & 1U ? timing.one_space_us : timing.zero_space_us);
  }
}

void append_bytes_lsb_first(std::vector<std::uint32_t>& out, const std::uint8_t* bytes,
                            std::size_t count, const BitTiming& timing) {
  // Sized once and written in place: this is the hot loop of every encoder.
  const std::size_t start = out.size();
  out.resize(start + count * 16);
  std::uint32_t* next = out.data() + start;
  for (std::size_t i = 0; i < count; ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      *next++ = timing.mark_us;
      *next++ = (bytes[i] >> bit) & 1U ? timing.one_space_us : timing.zero_space_us;
    }
  }
}

PulseReader::PulseReader(const std::vector<std::uint32_t>& durations, int tolerance_pct)
    : durations_(durations), tolerance_pct_(std::clamp(tolerance_pct, 0, 100)) {}

std::string PulseReader::element(std::string_view what) const {
  std::string out;
  if (!context_.empty()) {
    out += context_;
    out += ' ';
  }
  out += what;
  return out;
}

std::string PulseReader::tolerance_text() const {
  return " +-" + std::to_string(tolerance_pct_) + "%";
}

bool PulseReader::fail_truncated(std::string_view what) {
  error_ = "the train ends at index " + std::to_string(index_) + ", where the " + element(what) +
           " was expected (truncated)";
  return false;
}

bool PulseReader::expect(std::uint32_t expected_us, std::string_view what) {
  if (!ok()) return false;
  if (index_ >= durations_.size()) return fail_truncated(what);
  const std::uint32_t measured = durations_[index_];
  if (!within_tolerance(measured, expected_us, tolerance_pct_)) {
    error_ = element(what) + " at index " + std::to_string(index_) + " is " +
             std::to_string(measured) + " us, expected " + std::to_string(expected_us) +
             tolerance_text();
    return false;
  }
  ++index_;
  return true;
}

bool PulseReader::expect_final_gap(std::uint32_t expected_us, std::string_view what) {
  if (!ok()) return false;
  if (index_ >= durations_.size()) return true;  // ends on the last mark, as Tuya codes do
  const std::uint32_t measured = durations_[index_];
  if (!at_least(measured, expected_us, tolerance_pct_)) {
    error_ = element(what) + " at index " + std::to_string(index_) + " is " +
             std::to_string(measured) + " us, expected at least " + std::to_string(expected_us) +
             " -" + std::to_string(tolerance_pct_) + "%";
    return false;
  }
  ++index_;
  return true;
}

bool PulseReader::fail_outside(const std::string& what, std::uint32_t measured_us,
                               const std::string& envelope) {
  error_ = element(what) + " at index " + std::to_string(index_) + " is " +
           std::to_string(measured_us) + " us, outside " + envelope;
  return false;
}

bool PulseReader::read_bit_mark(const BitTiming& timing, std::string_view what) {
  if (!ok()) return false;
  if (index_ >= durations_.size()) return fail_truncated(what);
  const BitEnvelope envelope(timing);
  if (!envelope.holds_mark(durations_[index_])) {
    return fail_outside(std::string(what), durations_[index_],
                        mark_envelope_text(envelope, timing));
  }
  ++index_;
  return true;
}

bool PulseReader::read_zero_space(const BitTiming& timing, std::string_view what) {
  if (!ok()) return false;
  if (index_ >= durations_.size()) return fail_truncated(what);
  const BitEnvelope envelope(timing);
  const std::uint32_t space = durations_[index_];
  if (!envelope.holds_space(space)) {
    return fail_outside(std::string(what), space, space_envelope_text(envelope, timing));
  }
  if (envelope.is_one(space)) {
    error_ = element(what) + " at index " + std::to_string(index_) + " is " +
             std::to_string(space) + " us, a 1 (over the " +
             midpoint_text(envelope.twice_midpoint_us) + " us midpoint) where only 0s are sent";
    return false;
  }
  ++index_;
  return true;
}

bool PulseReader::read_bytes_lsb_first(const BitTiming& timing, std::uint8_t* out,
                                       std::size_t count, std::size_t first_byte) {
  if (!ok()) return false;
  const BitEnvelope envelope(timing);
  for (std::size_t i = 0; i < count; ++i) {
    std::uint8_t value = 0;
    for (int bit = 0; bit < 8; ++bit) {
      // Names are built only on failure: a frame has hundreds of bits.
      const auto name = [&](const char* part) {
        return "byte " + std::to_string(first_byte + i) + " bit " + std::to_string(bit) + " " +
               part;
      };
      if (index_ >= durations_.size()) return fail_truncated(name("mark"));
      if (!envelope.holds_mark(durations_[index_])) {
        return fail_outside(name("mark"), durations_[index_], mark_envelope_text(envelope, timing));
      }
      ++index_;
      if (index_ >= durations_.size()) return fail_truncated(name("space"));
      const std::uint32_t space = durations_[index_];
      if (!envelope.holds_space(space)) {
        return fail_outside(name("space"), space, space_envelope_text(envelope, timing));
      }
      if (envelope.is_one(space)) value = static_cast<std::uint8_t>(value | (1U << bit));
      ++index_;
    }
    out[i] = value;
  }
  return true;
}

bool PulseReader::expect_end() {
  if (!ok()) return false;
  if (index_ == durations_.size()) return true;
  error_ = std::to_string(durations_.size() - index_) +
           " durations follow the end of the frame at index " + std::to_string(index_);
  return false;
}

bool PulseReader::next_matches(std::uint32_t expected_us) const {
  return ok() && index_ < durations_.size() &&
         within_tolerance(durations_[index_], expected_us, tolerance_pct_);
}

bool PulseReader::next_is_bit_mark(const BitTiming& timing) const {
  return ok() && index_ < durations_.size() && BitEnvelope(timing).holds_mark(durations_[index_]);
}

}  // namespace hil::ir
