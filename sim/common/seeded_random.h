// A seeded random source: the same seed gives the same ids, noise and faults.
#pragma once

#include <random>

#include "firmware_core/ports/random_source.h"

namespace hil::sim {

class SeededRandom : public core::RandomSource {
 public:
  explicit SeededRandom(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t next_u64() override { return engine_(); }

 private:
  std::mt19937_64 engine_;
};

}  // namespace hil::sim
