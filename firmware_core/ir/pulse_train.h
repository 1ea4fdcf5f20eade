// IR pulse trains (carrier, alternating mark/space durations) and shared pulse-distance helpers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hil::ir {

// Decoders accept headers and gaps within +-35 % of nominal, as IRremoteESP8266's Daikin decoders
// do. Bits are read by the midpoint rule below instead.
inline constexpr int kDefaultTolerancePct = 35;

struct PulseTrain {
  std::uint32_t carrier_hz = 38000;
  std::vector<std::uint32_t> durations_us;  // mark, space, mark, ...: the first is a mark
};

bool operator==(const PulseTrain& a, const PulseTrain& b);
inline bool operator!=(const PulseTrain& a, const PulseTrain& b) { return !(a == b); }

// The same train without a trailing space: Tuya codes end on the last mark.
PulseTrain ending_on_last_mark(PulseTrain train);

// Pulse-distance coding: every bit is a mark, then a short space for 0 or a long one for 1.
struct BitTiming {
  std::uint32_t mark_us;
  std::uint32_t zero_space_us;
  std::uint32_t one_space_us;
};

// Where a pulse-distance bit of real captures may lie. Learned codes sample marks short and spaces
// long (or the reverse) and now and then move one edge by a hundred microseconds or more, so a bit
// is not matched against its nominal timing: its space is compared with the midpoint of the zero
// and one spaces (longer is a 1), and its mark and space need only lie within this envelope. The
// frame's checksums judge the bytes. Bounds are whole microseconds, both included:
//  - a mark from a quarter of the nominal mark (shorter is a glitch) to twice it (a mark can take
//    in about one zero space; longer is a header or marks run together);
//  - a space from a quarter of the zero space to one and a half times the one space (a lost mark,
//    a zero space, mark and one space run together, lies beyond).
struct BitEnvelope {
  explicit BitEnvelope(const BitTiming& timing);

  bool holds_mark(std::uint32_t mark_us) const {
    return mark_us >= mark_min_us && mark_us <= mark_max_us;
  }
  bool holds_space(std::uint32_t space_us) const {
    return space_us >= space_min_us && space_us <= space_max_us;
  }
  // A space within the envelope is a 1 when longer than the midpoint of the zero and one spaces.
  bool is_one(std::uint32_t space_us) const {
    return 2 * static_cast<std::uint64_t>(space_us) > twice_midpoint_us;
  }

  std::uint32_t mark_min_us;
  std::uint32_t mark_max_us;
  std::uint32_t space_min_us;
  std::uint32_t space_max_us;
  std::uint64_t twice_midpoint_us;  // zero space + one space
};

// True when measured is within expected +-tolerance_pct percent (bounds included).
bool within_tolerance(std::uint32_t measured_us, std::uint32_t expected_us,
                      int tolerance_pct = kDefaultTolerancePct);
// True when measured is no shorter than expected less tolerance_pct percent: a trailing gap may be
// any length.
bool at_least(std::uint32_t measured_us, std::uint32_t expected_us,
              int tolerance_pct = kDefaultTolerancePct);

// Appends the low `count` bits of `bits`, least significant first.
void append_bits_lsb_first(std::vector<std::uint32_t>& out, std::uint64_t bits, int count,
                           const BitTiming& timing);
// Appends whole bytes, each least significant bit first.
void append_bytes_lsb_first(std::vector<std::uint32_t>& out, const std::uint8_t* bytes,
                            std::size_t count, const BitTiming& timing);

// Walks a duration list front to back, checking each duration against what the protocol expects
// there. The first mismatch is kept as a message naming the element, its index, the value and the
// expectation, and every later call returns false, so a decoder can chain calls and look once at
// the end.
class PulseReader {
 public:
  // Keeps a reference: the durations must outlive the reader (a temporary would not).
  explicit PulseReader(const std::vector<std::uint32_t>& durations,
                       int tolerance_pct = kDefaultTolerancePct);
  PulseReader(std::vector<std::uint32_t>&& durations,
              int tolerance_pct = kDefaultTolerancePct) = delete;

  // Prefixes element names in messages, e.g. "section 2"; must outlive its use (string literals
  // do).
  void set_context(std::string_view context) { context_ = context; }

  // Consumes one duration that must be expected_us within tolerance.
  bool expect(std::uint32_t expected_us, std::string_view what);
  // Consumes a frame's closing gap: it may be missing at the very end of the train, or be any
  // length from expected_us less the tolerance up.
  bool expect_final_gap(std::uint32_t expected_us, std::string_view what);
  // Consumes one bit mark within the envelope (a bit's, a footer's or a preamble's).
  bool read_bit_mark(const BitTiming& timing, std::string_view what);
  // Consumes one bit space within the envelope that reads as a 0 (a preamble's).
  bool read_zero_space(const BitTiming& timing, std::string_view what);
  // Consumes count bytes, least significant bit first, each bit by the midpoint rule within the
  // envelope; first_byte numbers them in messages.
  bool read_bytes_lsb_first(const BitTiming& timing, std::uint8_t* out, std::size_t count,
                            std::size_t first_byte);
  // Fails if any duration is left.
  bool expect_end();

  // The next duration matches expected_us within tolerance (false at the end); consumes nothing.
  bool next_matches(std::uint32_t expected_us) const;
  // The next duration is a bit mark within the envelope (false at the end); consumes nothing.
  bool next_is_bit_mark(const BitTiming& timing) const;

  std::size_t index() const { return index_; }
  bool ok() const { return error_.empty(); }
  // Empty while ok().
  const std::string& error() const { return error_; }
  int tolerance_pct() const { return tolerance_pct_; }

 private:
  bool fail_truncated(std::string_view what);
  bool fail_outside(const std::string& what, std::uint32_t measured_us,
                    const std::string& envelope);
  std::string element(std::string_view what) const;
  std::string tolerance_text() const;

  const std::vector<std::uint32_t>& durations_;
  int tolerance_pct_;
  std::size_t index_ = 0;
  std::string_view context_;
  std::string error_;
};

}  // namespace hil::ir
