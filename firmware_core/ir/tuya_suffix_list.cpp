// Longest matches from sorted doubly linked lists of the earlier suffixes, one list per 3-byte
// prefix (every match is in the list of its prefix), that know how many bytes each pair of
// neighbours shares. Suffixes are compared on at most `limit` bytes (263, or what is left of the
// data); the limit never grows, so an order that held still holds.
#include "firmware_core/ir/tuya_suffix_list.h"

#include <cstdint>
#include <memory>

#include "firmware_core/ir/tuya_common_length.h"
#include "firmware_core/ir/tuya_stream.h"

namespace hil::ir {
namespace {

constexpr std::int32_t kNone = -1;
constexpr std::int32_t kLeftOut = -2;  // in prev_: a suffix never placed in the list
constexpr std::size_t kDeep = 32;      // a match carried on this long is deep (TuyaListStrides)

struct Found {
  std::size_t length = 0;
  std::size_t distance = 0;
};

class SuffixList {
 public:
  // `links` holds 3 * size entries, owned by the caller.
  SuffixList(const std::uint8_t* data, std::size_t size, std::int32_t* links)
      : data_(data), next_(links), prev_(links + size), shared_(links + 2 * size) {}

  // Suffix `i` as a list of its own.
  void alone(std::size_t i) {
    next_[i] = kNone;
    prev_[i] = kNone;
  }

  // Places suffix `i` in order, walking from suffix `x`, which shares exactly `shared` of the
  // first `limit` bytes with it. Returns the longer match of its two new neighbours.
  Found insert(std::size_t i, std::size_t limit, std::size_t x, std::size_t shared) {
    const std::uint8_t* const s = data_ + i;
    auto near = static_cast<std::int32_t>(x);  // i goes between near and far,
    std::int32_t far = kNone;
    std::size_t near_shared = shared, far_shared = 0;  // which share that much with it
    const bool up = shared < limit && data_[x + shared] < s[shared];
    if (shared == limit) {
      // Equal as far as this and every later search compares: just below x will do.
      far = prev_[near];
      if (far != kNone) far_shared = min(shared_[far], limit);
    } else {
      for (;;) {
        far = up ? next_[near] : prev_[near];
        if (far == kNone) break;
        // A suffix sharing more than near_shared bytes with near sorts on the same side of i.
        const auto h = static_cast<std::size_t>(up ? shared_[near] : shared_[far]);
        if (h < near_shared) {
          far_shared = h;
          break;
        }
        if (h == near_shared) {
          far_shared = h + tuya_common_length(data_ + far + h, s + h, limit - h);
          if (far_shared == limit || (s[far_shared] < data_[far + far_shared]) == up) break;
          near_shared = far_shared;
        }
        near = far;
      }
    }
    if (up) {
      link(near, static_cast<std::int32_t>(i), far, near_shared, far_shared);
    } else {
      link(far, static_cast<std::int32_t>(i), near, far_shared, near_shared);
    }
    // The longer; the nearer (larger position) of two as long.
    if (far_shared > near_shared || (far_shared == near_shared && far > near)) {
      return Found{far_shared, i - static_cast<std::size_t>(far)};
    }
    return Found{near_shared, i - static_cast<std::size_t>(near)};
  }

  // Marks suffix `x` as never placed in the list.
  void leave_out(std::size_t x) { prev_[x] = kLeftOut; }

  // Moves `x` off suffixes left out to where their matches lead, lowering `known`, the bytes
  // it shares for sure with the suffix being placed.
  void follow(std::size_t& x, std::size_t& known, const TuyaMatch* matches) const {
    while (prev_[x] == kLeftOut) {
      if (matches[x].length < known) known = matches[x].length;
      x -= matches[x].distance;
    }
  }

  void remove(std::size_t x) {
    const std::int32_t below = prev_[x], above = next_[x];
    if (below == kLeftOut) return;
    if (below != kNone) {
      next_[below] = above;
      shared_[below] = above == kNone ? 0
                                      : static_cast<std::int32_t>(min(
                                            shared_[below], static_cast<std::size_t>(shared_[x])));
    }
    if (above != kNone) prev_[above] = below;
  }

 private:
  static std::size_t min(std::int32_t a, std::size_t b) {
    return static_cast<std::size_t>(a) < b ? static_cast<std::size_t>(a) : b;
  }

  void link(std::int32_t below, std::int32_t i, std::int32_t above, std::size_t below_shared,
            std::size_t above_shared) {
    prev_[i] = below;
    next_[i] = above;
    shared_[i] = static_cast<std::int32_t>(above_shared);
    if (below != kNone) {
      next_[below] = i;
      shared_[below] = static_cast<std::int32_t>(below_shared);
    }
    if (above != kNone) prev_[above] = i;
  }

  const std::uint8_t* data_;
  std::int32_t* next_;
  std::int32_t* prev_;
  std::int32_t* shared_;  // shared_[x]: bytes x shares with next_[x], as far as compared then
};

// Where each 3-byte prefix was seen among the suffixes in the list: a hash table of the newest
// one, and a chain from each to the one before it with the same hash.
class PrefixIndex {
 public:
  // `slots` holds count(size, bits) entries, owned by the caller.
  PrefixIndex(std::int32_t* slots, unsigned bits)
      : bits_(bits), newest_(slots), before_(slots + (std::size_t{1} << bits)) {
    for (std::size_t k = 0; k < (std::size_t{1} << bits); ++k) newest_[k] = kNone;
  }
  static std::size_t count(std::size_t size, unsigned bits) {
    return (std::size_t{1} << bits) + size;
  }

  // The newest suffix in the window that begins with the same 3 bytes as suffix `i`, if any.
  std::int32_t find(const std::uint8_t* data, std::size_t i) const {
    const std::uint8_t* const s = data + i;
    for (std::int32_t j = newest_[hash(s)];
         j != kNone && i - static_cast<std::size_t>(j) <= kTuyaDistanceMax; j = before_[j]) {
      if (data[j] == s[0] && data[j + 1] == s[1] && data[j + 2] == s[2]) return j;
    }
    return kNone;
  }

  void add(const std::uint8_t* data, std::size_t i) {
    const std::uint32_t h = hash(data + i);
    before_[i] = newest_[h];
    newest_[h] = static_cast<std::int32_t>(i);
  }

 private:
  std::uint32_t hash(const std::uint8_t* p) const {
    const std::uint32_t key =
        std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16;
    return (key * 2654435761u) >> (32 - bits_);
  }

  unsigned bits_;
  std::int32_t* newest_;
  std::int32_t* before_;
};

// Bytes a match at `i` may take: up to 263, and no further than the end.
std::size_t limit_at(std::size_t size, std::size_t i) {
  return size - i < kTuyaMatchMax ? size - i : kTuyaMatchMax;
}

// The match at `i - 1` one byte on. It ended at a mismatch, at the end or at 263 (then it may
// grow back): it shares exactly one byte less. None where it was 3 bytes or none.
Found carry(const std::uint8_t* data, std::size_t size, std::size_t i, const Found& previous) {
  if (previous.length <= kTuyaMatchMin) return Found{};
  Found carried{previous.length - 1, previous.distance};
  if (previous.length == kTuyaMatchMax) {
    const std::uint8_t* const s = data + i + carried.length;
    carried.length +=
        tuya_common_length(s - carried.distance, s, limit_at(size, i) - carried.length);
  }
  return carried;
}

void record(TuyaMatch* matches, std::size_t i, Found& found) {
  if (found.length < kTuyaMatchMin) found = Found{};
  matches[i] = TuyaMatch{static_cast<std::uint16_t>(found.length),
                         static_cast<std::uint16_t>(found.distance)};
}

}  // namespace

void find_tuya_matches_in_list(const std::uint8_t* data, std::size_t size, TuyaListStrides strides,
                               TuyaMatch* matches) {
  for (std::size_t i = size < kTuyaMatchMin ? 0 : size - (kTuyaMatchMin - 1); i < size; ++i)
    matches[i] = TuyaMatch{};
  if (size < kTuyaMatchMin) return;
  unsigned bits = 8;  // about a bucket per suffix
  while (bits < 16 && (std::size_t{1} << bits) < size) ++bits;
  std::unique_ptr<std::int32_t[]> arrays(
      new std::int32_t[3 * size + PrefixIndex::count(size, bits)]);
  SuffixList list(data, size, arrays.get());
  PrefixIndex index(arrays.get() + 3 * size, bits);
  std::size_t oldest = 0;  // the oldest suffix that may still be in the list
  Found run;
  for (std::size_t i = 0; i + kTuyaMatchMin <= size; ++i) {
    const Found carried = carry(data, size, i, run);
    if (carried.length != 0) {
      // Inside a match, positions off the stride keep the carried match and stay out of the list.
      const std::size_t stride = carried.length < kDeep ? strides.shallow : strides.deep;
      if ((i & (stride - 1)) != 0) {
        list.leave_out(i);
        run = carried;
        record(matches, i, run);
        continue;
      }
    }
    for (; oldest + kTuyaDistanceMax < i; ++oldest) list.remove(oldest);
    // Walk from a suffix sharing the first 3 bytes or more: the carried match's source, or where
    // the matches of suffixes left out lead from there, else the newest found by those bytes.
    std::size_t x = i - carried.distance, known = carried.length;
    if (known != 0) list.follow(x, known, matches);
    if (known == 0 || i - x > kTuyaDistanceMax) {
      const std::int32_t same = index.find(data, i);
      known = same == kNone ? 0 : kTuyaMatchMin;
      if (same != kNone) x = static_cast<std::size_t>(same);
    }
    Found found;
    if (known == 0) {
      list.alone(i);  // the first in the window to begin so: a list of its own
    } else {
      const std::size_t limit = limit_at(size, i);
      std::size_t shared = known;
      if (x != i - carried.distance)
        shared += tuya_common_length(data + x + known, data + i + known, limit - known);
      found = list.insert(i, limit, x, shared);
    }
    if (carried.length != 0 && carried.length >= found.length) found = carried;  // keep it on ties
    index.add(data, i);
    run = found;
    record(matches, i, run);
  }
}

}  // namespace hil::ir
