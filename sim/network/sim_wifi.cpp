// A simulated Wi-Fi interface.
#include "sim/network/sim_wifi.h"

namespace hil::sim {

SimWifi::~SimWifi() { scheduler_.cancel(pending_); }

void SimWifi::connect(const std::string& ssid, const std::string& pass,
                      std::function<void(bool)> on_result) {
  scheduler_.cancel(pending_);
  status_ = core::WifiStatus{core::WifiState::kConnecting, ssid, "", 0};
  const auto when = scheduler_.now() + core::Micros(options_.connect_delay_ms * 1000);
  pending_ = scheduler_.call_at(when, [this, ssid, pass, on_result = std::move(on_result)] {
    pending_ = 0;
    for (const auto& air : options_.air) {
      if (air.network.ssid == ssid && (air.password.empty() || air.password == pass)) {
        status_ = core::WifiStatus{core::WifiState::kConnected, ssid, options_.station_ip,
                                   air.network.rssi_dbm};
        on_result(true);
        return;
      }
    }
    status_ = core::WifiStatus{core::WifiState::kDisconnected, ssid, "", 0};
    on_result(false);
  });
}

void SimWifi::start_access_point() {
  scheduler_.cancel(pending_);
  pending_ = 0;
  status_ = core::WifiStatus{core::WifiState::kApActive, options_.ap_ssid, options_.ap_ip, 0};
}

std::vector<core::WifiNetwork> SimWifi::scan() {
  std::vector<core::WifiNetwork> out;
  for (const auto& air : options_.air) out.push_back(air.network);
  return out;
}

}  // namespace hil::sim
