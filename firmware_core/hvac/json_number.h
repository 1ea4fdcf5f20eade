// Degrees as JSON numbers the way the spec prints them: 21 for whole degrees, 21.5 otherwise.
#pragma once

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace hil::hvac {

inline nlohmann::ordered_json json_number(double value) {
  if (std::isfinite(value) && std::fabs(value) < 1e9 && value == std::trunc(value)) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

}  // namespace hil::hvac
