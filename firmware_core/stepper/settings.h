// The node's persisted settings: motion defaults, thermal limiting, microstep, Wi-Fi, broker.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "firmware_core/ports/config_store.h"

namespace hil::stepper {

struct BrokerConfig {
  std::string host = "192.168.1.25";
  std::int64_t port = 1883;
  std::string user = "mirror";
  std::string pass = "steelthread";
};

struct MotionSettings {
  std::uint32_t speed_sps = 4000;
  std::uint32_t accel_sps2 = 16000;
  std::uint32_t decel_sps2 = 0;
  bool thermal_limiting = true;
  std::string microstep = "FULL";
};

// FULL, HALF, 1/4 .. 1/32 -> 1, 2, 4 .. 32; nullopt for anything else.
std::optional<std::uint32_t> microstep_multiplier(const std::string& name);

class SettingsStore {
 public:
  SettingsStore(core::ConfigStore& store, BrokerConfig broker_defaults)
      : store_(store), broker_defaults_(std::move(broker_defaults)) {}

  MotionSettings load_motion() const;
  [[nodiscard]] bool save_motion(const MotionSettings& motion);

  BrokerConfig load_broker() const;
  [[nodiscard]] bool save_broker(const BrokerConfig& broker);
  [[nodiscard]] bool reset_broker();
  const BrokerConfig& broker_defaults() const { return broker_defaults_; }

  std::optional<std::pair<std::string, std::string>> load_wifi() const;
  [[nodiscard]] bool save_wifi(const std::string& ssid, const std::string& pass);
  [[nodiscard]] bool forget_wifi();

 private:
  core::ConfigStore& store_;
  BrokerConfig broker_defaults_;
};

}  // namespace hil::stepper
