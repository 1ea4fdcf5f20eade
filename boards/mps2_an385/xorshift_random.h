// The random source: xorshift64* from a fixed seed, so two boots of an image give the same ids.
#pragma once

#include <cstdint>

#include "firmware_core/ports/random_source.h"

namespace hil::board {

class XorshiftRandom : public core::RandomSource {
 public:
  explicit XorshiftRandom(std::uint64_t seed) : state_(seed != 0 ? seed : 1) {}
  std::uint64_t next_u64() override {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 0x2545F4914F6CDD1DULL;
  }

 private:
  std::uint64_t state_;
};

}  // namespace hil::board
