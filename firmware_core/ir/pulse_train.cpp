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

}  // namespace

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

bool PulseReader::read_bytes_lsb_first(const BitTiming& timing, std::uint8_t* out,
                                       std::size_t count, std::size_t first_byte) {
  if (!ok()) return false;
  const Window mark(timing.mark_us, tolerance_pct_);
  const Window zero(timing.zero_space_us, tolerance_pct_);
  const Window one(timing.one_space_us, tolerance_pct_);
  for (std::size_t i = 0; i < count; ++i) {
    std::uint8_t value = 0;
    for (int bit = 0; bit < 8; ++bit) {
      // Names are built only on failure: a frame has hundreds of bits.
      const auto name = [&](const char* part) {
        return "byte " + std::to_string(first_byte + i) + " bit " + std::to_string(bit) + " " +
               part;
      };
      if (index_ >= durations_.size()) return fail_truncated(name("mark"));
      if (!mark.holds(durations_[index_])) {
        return expect(timing.mark_us, name("mark"));
      }
      ++index_;
      if (index_ >= durations_.size()) return fail_truncated(name("space"));
      const std::uint32_t space = durations_[index_];
      if (one.holds(space)) {
        value = static_cast<std::uint8_t>(value | (1U << bit));
      } else if (!zero.holds(space)) {
        error_ = element(name("space")) + " at index " + std::to_string(index_) + " is " +
                 std::to_string(space) + " us, expected " + std::to_string(timing.zero_space_us) +
                 " or " + std::to_string(timing.one_space_us) + tolerance_text();
        return false;
      }
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

}  // namespace hil::ir
