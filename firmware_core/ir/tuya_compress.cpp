// Literal-only, greedy and optimal parses of a byte string into Tuya blocks.
#include "firmware_core/ir/tuya_compress.h"

#include <memory>

#include "firmware_core/ir/tuya_stream.h"

namespace hil::ir {
namespace {

constexpr std::size_t kLongMatchMin = kTuyaShortMatchMax + 1;
// Fewest positions the optimal parse jumps over at once. It stays exact for any value from 3 up:
// offers from the two positions before a jump join the front early, valid 3 bytes on.
constexpr std::int32_t kSkipMin = 3;

// Offers of "reach any position up to `reach` for `cost`" from matches, kept as a Pareto
// front: costs rise from front to back and so do reaches, so expired offers leave at the front
// and the front is the cheapest live one.
class OfferFront {
 public:
  // Three arrays of `capacity` entries each, owned by the caller.
  OfferFront(std::int32_t* cost, std::int32_t* reach, std::int32_t* source)
      : cost_(cost), reach_(reach), source_(source) {}

  [[gnu::always_inline]] void add(std::int32_t cost, std::int32_t reach, std::int32_t source) {
    // Usually the newest offer costs the most: then it is dominated by the back or goes behind it.
    if (tail_ > head_) {
      const std::size_t back = tail_ - 1;
      if (cost_[back] <= cost && reach_[back] >= reach) return;
      if (cost_[back] < cost) {
        set(tail_++, cost, reach, source);
        return;
      }
    } else {
      set(tail_++, cost, reach, source);
      return;
    }
    add_inside(cost, reach, source);
  }

  // The cheapest offer reaching `position`, or false when none does.
  bool best(std::int32_t position, std::int32_t& cost, std::int32_t& source, std::int32_t& reach) {
    while (head_ < tail_ && reach_[head_] < position) ++head_;
    if (head_ == tail_) return false;
    cost = cost_[head_];
    source = source_[head_];
    reach = reach_[head_];
    return true;
  }

 private:
  // The general case: drop what the offer dominates, unless something dominates it, and slot it in.
  void add_inside(std::int32_t cost, std::int32_t reach, std::int32_t source) {
    std::size_t p = tail_;  // first entry costing at least as much
    while (p > head_ && cost_[p - 1] >= cost) --p;
    if ((p < tail_ && cost_[p] == cost) ? reach_[p] >= reach
                                        : (p > head_ && reach_[p - 1] >= reach)) {
      return;  // something as cheap reaches as far
    }
    std::size_t q =
        p;  // entries from p up to q cost more yet reach less: the new offer replaces them
    while (q < tail_ && reach_[q] <= reach) ++q;
    if (q == p) {
      for (std::size_t k = tail_; k > p; --k) move(k - 1, k);
      ++tail_;
    } else {
      for (std::size_t k = q; k < tail_; ++k) move(k, k - (q - p) + 1);
      tail_ -= q - p - 1;
    }
    set(p, cost, reach, source);
  }

  void set(std::size_t at, std::int32_t cost, std::int32_t reach, std::int32_t source) {
    cost_[at] = cost;
    reach_[at] = reach;
    source_[at] = source;
  }

  void move(std::size_t from, std::size_t to) {
    cost_[to] = cost_[from];
    reach_[to] = reach_[from];
    source_[to] = source_[from];
  }

  std::int32_t* cost_;
  std::int32_t* reach_;
  std::int32_t* source_;
  std::size_t head_ = 0, tail_ = 0;
};

// True when every match of 4 bytes or more is followed by one at least a byte shorter, as the
// finders' matches are: then a position's reach (start plus length) never falls behind an earlier
// one's, which lets the optimal parse find the farthest reach in a stretch from its end.
bool matches_carry_on(const TuyaMatch* match, std::size_t size) {
  for (std::size_t i = 1; i < size; ++i) {
    if (match[i - 1].length > kTuyaMatchMin && match[i].length + 1 < match[i - 1].length)
      return false;
  }
  return true;
}

// The optimal parse over one match per byte; `carried` when they carry on (matches_carry_on).
std::vector<std::uint8_t> parse_optimal(const std::uint8_t* data, std::size_t size,
                                        const TuyaMatch* match, bool carried) {
  std::vector<std::uint8_t> out;
  if (size == 0) return out;
  const auto n = static_cast<std::int32_t>(size);
  constexpr auto kShortMax = static_cast<std::int32_t>(kTuyaShortMatchMax);
  constexpr auto kLongMin = static_cast<std::int32_t>(kLongMatchMin);
  constexpr auto kLiteralMax = static_cast<std::int32_t>(kTuyaLiteralMax);

  // One uninitialised block for the working arrays (every entry is written before it is read).
  const std::size_t positions = size + 1;
  std::unique_ptr<std::int32_t[]> scratch(new std::int32_t[4 * positions + 6 * size]);
  // cost[k]: fewest bytes that encode data[0, k); from[k]: where its last block starts, as
  // ~start when that block is a match.
  std::int32_t* const cost = scratch.get();
  std::int32_t* const from = cost + positions;
  // Literal blocks: cost[k] = min over j in [k-32, k) of cost[j] - j + k + 1, a sliding-window
  // minimum of cost[j] - j kept in a monotone queue of (position, cost[j] - j).
  std::int32_t* const window_at = from + positions;
  std::int32_t* const window_lean = window_at + positions;
  std::size_t window_head = 0, window_tail = 0;
  // Matches: from i, a short one (2 bytes) reaches i+3..i+8 and a long one (3 bytes) i+9 on.
  // Both offers join the front at i+3: up to i+8 the long one costs more than the short one
  // over the same reach, so it is never the cheapest there.
  std::int32_t* const offer_arrays = window_lean + positions;
  OfferFront offers(offer_arrays, offer_arrays + 2 * size, offer_arrays + 4 * size);

  cost[0] = 0;
  from[0] = 0;
  std::int32_t k = 1;
  while (k <= n) {
    const std::int32_t lean = cost[k - 1] - (k - 1);
    while (window_tail > window_head && window_lean[window_tail - 1] >= lean) --window_tail;
    window_at[window_tail] = k - 1;
    window_lean[window_tail++] = lean;
    while (window_at[window_head] < k - kLiteralMax) ++window_head;
    std::int32_t best = window_lean[window_head] + k + 1;
    std::int32_t best_from = window_at[window_head];

    if (k >= static_cast<std::int32_t>(kTuyaMatchMin)) {
      const std::int32_t i = k - static_cast<std::int32_t>(kTuyaMatchMin);
      const std::int32_t length = match[i].length;
      if (length != 0) {
        offers.add(cost[i] + 2, i + (length < kShortMax ? length : kShortMax), i);
        if (length >= kLongMin) offers.add(cost[i] + 3, i + length, i);
      }
    }
    std::int32_t offer_cost = 0, offer_from = 0, offer_reach = 0;
    const bool offered = offers.best(k, offer_cost, offer_from, offer_reach);
    if (offered && offer_cost < best) {
      best = offer_cost;
      best_from = ~offer_from;
    }
    cost[k] = best;
    from[k] = best_from;

    // Inside a long match the costs stand still: the cheapest offer (cost F, reaching R) prices
    // every position up to R, so jump there when nothing can undercut it:
    //  - the offers still to join, from the two positions before k, cost F or more;
    //  - no literal run reaching past k costs less than F (its cheapest start is far enough back);
    //  - the skipped positions all cost F, so of their offers only the farthest short one (F+2)
    //    and the farthest long one (F+3) can matter; both join the front now, and are valid by
    //    the time the front is asked again (past R, at least 3 bytes after their start).
    if (offered && offer_cost == best && k >= 2) {
      const std::int32_t last = offer_reach < n ? offer_reach : n;
      const std::int32_t cheapest_lean =
          window_lean[window_head] < best - k ? window_lean[window_head] : best - k;
      if (last >= k + kSkipMin && cost[k - 1] + 2 >= best && cost[k - 2] + 2 >= best &&
          k + 2 + cheapest_lean >= best) {
        for (std::int32_t i = k - 2; i < k; ++i) {
          const std::int32_t length = match[i].length;
          if (length != 0) {
            offers.add(cost[i] + 2, i + (length < kShortMax ? length : kShortMax), i);
            if (length >= kLongMin) offers.add(cost[i] + 3, i + length, i);
          }
        }
        std::int32_t short_reach = 0, short_from = 0, long_reach = 0, long_from = 0;
        if (carried) {
          // Reaches never fall while matches carry on, so the last matching positions reach
          // farthest.
          for (std::int32_t i = last - 3; i >= k; --i) {
            const std::int32_t length = match[i].length;
            if (length == 0) continue;
            short_reach = i + (length < kShortMax ? length : kShortMax);
            short_from = i;
            break;
          }
          for (std::int32_t i = last - 3; i >= k; --i) {
            const std::int32_t length = match[i].length;
            if (length < kLongMin) continue;
            long_reach = i + length;
            long_from = i;
            break;
          }
        } else {
          for (std::int32_t i = k; i <= last - 3; ++i) {
            const std::int32_t length = match[i].length;
            const std::int32_t reach_short = i + (length < kShortMax ? length : kShortMax);
            if (length != 0 && reach_short > short_reach) {
              short_reach = reach_short;
              short_from = i;
            }
            if (length >= kLongMin && i + length > long_reach) {
              long_reach = i + length;
              long_from = i;
            }
          }
        }
        if (short_reach > 0) offers.add(best + 2, short_reach, short_from);
        if (long_reach > 0) offers.add(best + 3, long_reach, long_from);
        // Later steps read the costs of the last three skipped positions; the walk back reads
        // where blocks start: those three, and the two offers' sources.
        for (std::int32_t j : {last - 2, last - 1, last, short_from, long_from}) {
          cost[j] = best;
          from[j] = ~offer_from;
        }
        const std::int32_t last_lean = best - (last - 1);
        while (window_tail > window_head && window_lean[window_tail - 1] >= last_lean)
          --window_tail;
        window_at[window_tail] = last - 1;
        window_lean[window_tail++] = last_lean;
        k = last + 1;
        continue;
      }
    }
    ++k;
  }

  // Walk back from the end to find the blocks (their ends go where the queue was), then write
  // them front to back.
  std::int32_t* const ends = window_at;
  std::size_t blocks = 0;
  for (std::int32_t e = n; e > 0; e = from[e] < 0 ? ~from[e] : from[e]) ends[blocks++] = e;
  out.reserve(static_cast<std::size_t>(cost[n]));
  std::int32_t start = 0;
  while (blocks > 0) {
    const std::int32_t end = ends[--blocks];
    const auto length = static_cast<std::size_t>(end - start);
    if (from[end] < 0) {
      append_tuya_match(out, length, match[start].distance);
    } else {
      append_tuya_literals(out, data + start, length);
    }
    start = end;
  }
  return out;
}

}  // namespace

std::vector<std::uint8_t> compress_tuya_literal_only(const std::uint8_t* data, std::size_t size) {
  std::vector<std::uint8_t> out;
  out.reserve(size + (size + kTuyaLiteralMax - 1) / kTuyaLiteralMax);
  append_tuya_literals(out, data, size);
  return out;
}

std::vector<std::uint8_t> compress_tuya_greedy(const std::uint8_t* data, std::size_t size,
                                               MatchSearch search) {
  return parse_tuya_greedy(data, size, find_tuya_matches(data, size, search));
}

std::vector<std::uint8_t> compress_tuya_optimal(const std::uint8_t* data, std::size_t size,
                                                MatchSearch search) {
  std::unique_ptr<TuyaMatch[]> matches(new TuyaMatch[size]);
  find_tuya_matches(data, size, search, matches.get());
  return parse_optimal(data, size, matches.get(), true);
}

std::vector<std::uint8_t> parse_tuya_greedy(const std::uint8_t* data, std::size_t size,
                                            const std::vector<TuyaMatch>& matches) {
  std::vector<std::uint8_t> out;
  out.reserve(size / 2 + 16);
  std::size_t literal_start = 0;
  std::size_t i = 0;
  while (i < size) {
    const TuyaMatch m = matches[i];
    if (m.length == 0) {
      ++i;
      continue;
    }
    append_tuya_literals(out, data + literal_start, i - literal_start);
    append_tuya_match(out, m.length, m.distance);
    i += m.length;
    literal_start = i;
  }
  append_tuya_literals(out, data + literal_start, size - literal_start);
  return out;
}

std::vector<std::uint8_t> parse_tuya_optimal(const std::uint8_t* data, std::size_t size,
                                             const std::vector<TuyaMatch>& matches) {
  return parse_optimal(data, size, matches.data(), matches_carry_on(matches.data(), size));
}

}  // namespace hil::ir
