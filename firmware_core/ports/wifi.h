// The Wi-Fi port: station and access-point modes and scanning.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace hil::core {

enum class WifiState { kDisconnected, kConnecting, kConnected, kApActive };
inline const char* to_string(WifiState state) {
  switch (state) {
    case WifiState::kDisconnected:
      return "DISCONNECTED";
    case WifiState::kConnecting:
      return "CONNECTING";
    case WifiState::kConnected:
      return "CONNECTED";
    case WifiState::kApActive:
      return "AP_ACTIVE";
  }
  return "DISCONNECTED";
}

struct WifiNetwork {
  std::string ssid;
  int rssi_dbm = 0;
  bool secure = false;
  int channel = 0;
};

struct WifiStatus {
  WifiState state = WifiState::kDisconnected;
  std::string ssid;  // the joined network, or the AP's own name
  std::string ip;
  int rssi_dbm = 0;
};

class Wifi {
 public:
  virtual ~Wifi() = default;
  virtual WifiStatus status() const = 0;
  // The interface's MAC address as six bytes.
  virtual std::uint64_t mac() const = 0;
  // Joins a network; `on_result(true)` once connected, `on_result(false)` if it failed.
  virtual void connect(const std::string& ssid, const std::string& pass,
                       std::function<void(bool)> on_result) = 0;
  // Leaves any network and opens the device's own access point.
  virtual void start_access_point() = 0;
  virtual std::vector<WifiNetwork> scan() = 0;
};

}  // namespace hil::core
