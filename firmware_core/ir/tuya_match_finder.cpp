// The Tuya encoders' match search: both kinds run the sorted suffix lists (tuya_suffix_list.h).
#include "firmware_core/ir/tuya_match_finder.h"

#include "firmware_core/ir/tuya_suffix_list.h"

namespace hil::ir {
namespace {

// A duration is 2 bytes, so the copies inside a code mostly lie an even number of bytes back:
// searching at even positions inside matches (every fourth deep inside) finds nearly all that
// searching everywhere would. Tuned on Daikin frames and the tests' codes, where no code came out
// larger than with the hashed search this replaced.
constexpr TuyaListStrides kFastStrides{2, 4};

}  // namespace

void find_tuya_matches(const std::uint8_t* data, std::size_t size, MatchSearch search,
                       TuyaMatch* matches) {
  find_tuya_matches_in_list(
      data, size, search == MatchSearch::kExhaustive ? TuyaListStrides{} : kFastStrides, matches);
}

std::vector<TuyaMatch> find_tuya_matches(const std::uint8_t* data, std::size_t size,
                                         MatchSearch search) {
  std::vector<TuyaMatch> matches(size);
  find_tuya_matches(data, size, search, matches.data());
  return matches;
}

}  // namespace hil::ir
