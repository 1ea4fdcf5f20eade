// The exact longest earlier match at every byte position from sorted lists of the earlier
// suffixes: each new suffix is placed next to one known to share a prefix with it, usually the
// source of the previous position's match, so most positions cost a comparison and a few steps.
#pragma once

#include <cstddef>
#include <cstdint>

#include "firmware_core/ir/tuya_match_finder.h"

namespace hil::ir {

// Where to search inside a match (at a position whose previous position's match carries on):
// only at multiples of these powers of two, `deep` where the carried match has 32 bytes or more.
// Elsewhere the position keeps the carried match and its suffix stays out of the list.
struct TuyaListStrides {
  std::size_t shallow = 1;
  std::size_t deep = 1;
};

// Fills all `size` entries. With both strides 1 each gets its longest match (up to 263 bytes,
// the end of the data and the 8192-byte window): the previous position's match carried on
// where that is as long, else the nearer of the two suffixes sorted next to it.
void find_tuya_matches_in_list(const std::uint8_t* data, std::size_t size, TuyaListStrides strides,
                               TuyaMatch* matches);

}  // namespace hil::ir
