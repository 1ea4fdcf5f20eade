// A simulated Wi-Fi interface: station and access-point modes over a configurable air.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "firmware_core/ports/scheduler.h"
#include "firmware_core/ports/wifi.h"

namespace hil::sim {

struct SimAirNetwork {
  core::WifiNetwork network;
  std::string password;  // empty: any password joins
};

struct SimWifiOptions {
  std::uint64_t mac = 0x24A1601B2C3DULL;
  std::vector<SimAirNetwork> air = {
      {{"TestNet", -55, true, 1}, ""},
      {{"Lab", -42, true, 6}, ""},
      {{"MyNet", -61, true, 11}, ""},
  };
  std::string station_ip = "192.168.1.50";
  std::string ap_ssid = "DeviceAP";
  std::string ap_ip = "192.168.4.1";
  std::int64_t connect_delay_ms = 1500;
};

class SimWifi : public core::Wifi {
 public:
  SimWifi(core::Scheduler& scheduler, SimWifiOptions options)
      : scheduler_(scheduler), options_(std::move(options)) {}
  ~SimWifi() override;

  core::WifiStatus status() const override { return status_; }
  std::uint64_t mac() const override { return options_.mac; }
  void connect(const std::string& ssid, const std::string& pass,
               std::function<void(bool)> on_result) override;
  void start_access_point() override;
  std::vector<core::WifiNetwork> scan() override;

  // Test control.
  SimWifiOptions& options() { return options_; }

 private:
  core::Scheduler& scheduler_;
  SimWifiOptions options_;
  core::WifiStatus status_;
  core::TimerId pending_ = 0;
};

}  // namespace hil::sim
