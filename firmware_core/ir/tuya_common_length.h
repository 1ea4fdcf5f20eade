// How many bytes two places share from their start: the inner loop of every Tuya match search.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace hil::ir {

// Bytes equal from the start, up to `limit`; eight at a time where the host is little-endian.
inline std::size_t tuya_common_length(const std::uint8_t* a, const std::uint8_t* b,
                                      std::size_t limit) {
  std::size_t n = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  while (n + 8 <= limit) {
    std::uint64_t x, y;
    std::memcpy(&x, a + n, sizeof x);
    std::memcpy(&y, b + n, sizeof y);
    if (x != y) return n + static_cast<std::size_t>(__builtin_ctzll(x ^ y) >> 3);
    n += 8;
  }
#endif
  while (n < limit && a[n] == b[n]) ++n;
  return n;
}

}  // namespace hil::ir
