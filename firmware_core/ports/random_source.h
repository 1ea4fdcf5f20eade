// The entropy port: ids and noise come from here so a seeded rig is deterministic.
#pragma once

#include <cstdint>

namespace hil::core {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual std::uint64_t next_u64() = 0;
};

}  // namespace hil::core
