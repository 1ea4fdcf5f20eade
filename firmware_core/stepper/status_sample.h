// One sample of the node's status telemetry, compared as values before any JSON is built.
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <tuple>

#include "firmware_core/stepper/command.h"

namespace hil::stepper {

struct MotorSample {
  std::int32_t position = 0;
  bool moving = false;
  bool awake = false;
  bool homed = false;
  std::int64_t steps_since_home = 0;
  std::int32_t budget_tenths = 0;
  std::int32_t ttfc_tenths = 0;
  std::uint32_t speed_sps = 0;
  std::uint32_t accel_sps2 = 0;
  std::int64_t est_ms = 0;
  std::int64_t started_ms = 0;
  std::optional<std::int64_t> actual_ms;

  auto tied() const {
    return std::tie(position, moving, awake, homed, steps_since_home, budget_tenths, ttfc_tenths,
                    speed_sps, accel_sps2, est_ms, started_ms, actual_ms);
  }
  bool operator==(const MotorSample& other) const { return tied() == other.tied(); }
};

struct StatusSample {
  std::string ip;
  std::array<MotorSample, kMotorCount> motors{};

  bool operator==(const StatusSample& other) const {
    return ip == other.ip && motors == other.motors;
  }
  bool operator!=(const StatusSample& other) const { return !(*this == other); }
  // The devices/<id>/status payload, keys in JSON-library order, written without building a tree
  // (telemetry runs at 5 Hz on every node of a simulation).
  std::string to_payload() const;
  // The same payload as a JSON value, built directly (reports sample it often).
  nlohmann::json to_json() const;
};

}  // namespace hil::stepper
