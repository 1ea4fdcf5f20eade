// How many bytes two places share from their start: the inner loop of every Tuya match search.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace hil::ir {

// Bytes equal from the start, up to `limit`: eight at a time while whole words agree (equality
// needs no byte order), then byte by byte inside the first word that differs.
inline std::size_t tuya_common_length(const std::uint8_t* a, const std::uint8_t* b,
                                      std::size_t limit) {
  std::size_t n = 0;
  while (n + 8 <= limit) {
    std::uint64_t x = 0;
    std::uint64_t y = 0;
    std::memcpy(&x, a + n, sizeof x);
    std::memcpy(&y, b + n, sizeof y);
    if (x != y) break;
    n += 8;
  }
  while (n < limit && a[n] == b[n]) ++n;
  return n;
}

}  // namespace hil::ir
