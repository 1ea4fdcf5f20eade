// The node's persisted settings.
#include "firmware_core/stepper/settings.h"

#include "firmware_core/common/text.h"

namespace hil::stepper {
namespace {

void load_u32(const core::ConfigStore& store, const char* key, std::uint32_t& out,
              bool allow_zero) {
  const auto text = store.get(key);
  if (!text) return;
  const auto value = core::parse_int(*text);
  if (value && *value >= (allow_zero ? 0 : 1) && *value <= 0x7FFFFFFF)
    out = static_cast<std::uint32_t>(*value);
}

}  // namespace

std::optional<std::uint32_t> microstep_multiplier(const std::string& name) {
  static const std::pair<const char*, std::uint32_t> kModes[] = {
      {"FULL", 1}, {"HALF", 2}, {"1/4", 4}, {"1/8", 8}, {"1/16", 16}, {"1/32", 32}};
  for (const auto& [mode, multiplier] : kModes) {
    if (core::iequals(name, mode)) return multiplier;
  }
  return std::nullopt;
}

MotionSettings SettingsStore::load_motion() const {
  MotionSettings motion;
  load_u32(store_, "speed", motion.speed_sps, false);
  load_u32(store_, "accel", motion.accel_sps2, false);
  load_u32(store_, "decel", motion.decel_sps2, true);
  if (const auto limiting = store_.get("thermal")) motion.thermal_limiting = *limiting != "OFF";
  if (const auto microstep = store_.get("microstep");
      microstep && microstep_multiplier(*microstep)) {
    motion.microstep = core::to_upper(*microstep);
  }
  return motion;
}

bool SettingsStore::save_motion(const MotionSettings& motion) {
  bool ok = store_.put("speed", std::to_string(motion.speed_sps));
  ok = store_.put("accel", std::to_string(motion.accel_sps2)) && ok;
  ok = store_.put("decel", std::to_string(motion.decel_sps2)) && ok;
  ok = store_.put("thermal", motion.thermal_limiting ? "ON" : "OFF") && ok;
  ok = store_.put("microstep", motion.microstep) && ok;
  return ok;
}

BrokerConfig SettingsStore::load_broker() const {
  BrokerConfig broker = broker_defaults_;
  if (const auto host = store_.get("mqtt_host")) broker.host = *host;
  if (const auto port = store_.get("mqtt_port")) {
    if (const auto value = core::parse_int(*port); value && *value >= 1 && *value <= 65535)
      broker.port = *value;
  }
  if (const auto user = store_.get("mqtt_user")) broker.user = *user;
  if (const auto pass = store_.get("mqtt_pass")) broker.pass = *pass;
  return broker;
}

bool SettingsStore::save_broker(const BrokerConfig& broker) {
  bool ok = store_.put("mqtt_host", broker.host);
  ok = store_.put("mqtt_port", std::to_string(broker.port)) && ok;
  ok = store_.put("mqtt_user", broker.user) && ok;
  ok = store_.put("mqtt_pass", broker.pass) && ok;
  return ok;
}

bool SettingsStore::reset_broker() {
  bool ok = true;
  for (const char* key : {"mqtt_host", "mqtt_port", "mqtt_user", "mqtt_pass"})
    ok = store_.erase(key) && ok;
  return ok;
}

std::optional<std::pair<std::string, std::string>> SettingsStore::load_wifi() const {
  const auto ssid = store_.get("wifi_ssid");
  if (!ssid || ssid->empty()) return std::nullopt;
  return std::make_pair(*ssid, store_.get("wifi_pass").value_or(""));
}

bool SettingsStore::save_wifi(const std::string& ssid, const std::string& pass) {
  return store_.put("wifi_ssid", ssid) && store_.put("wifi_pass", pass);
}

bool SettingsStore::forget_wifi() { return store_.erase("wifi_ssid") && store_.erase("wifi_pass"); }

}  // namespace hil::stepper
