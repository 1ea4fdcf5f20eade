// The AN385 has no radio: Wi-Fi never joins (the firmware says NET_CONNECT_FAILED) and the broker
// is never reached (the firmware's offline handling runs).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "firmware_core/ports/mqtt_link.h"
#include "firmware_core/ports/scheduler.h"
#include "firmware_core/ports/wifi.h"

namespace hil::board {

class NoWifi : public core::Wifi {
 public:
  NoWifi(core::Scheduler& scheduler, std::uint64_t mac) : scheduler_(scheduler), mac_(mac) {}
  core::WifiStatus status() const override { return {}; }
  std::uint64_t mac() const override { return mac_; }
  // Fails as its own event, as a radio's result would come.
  void connect(const std::string&, const std::string&,
               std::function<void(bool)> on_result) override {
    scheduler_.call_at(scheduler_.now(), [on_result = std::move(on_result)] { on_result(false); });
  }
  void start_access_point() override {}
  std::vector<core::WifiNetwork> scan() override { return {}; }

 private:
  core::Scheduler& scheduler_;
  std::uint64_t mac_;
};

class NoBroker : public core::MqttLink {
 public:
  bool publish(std::string_view, std::string_view, int, bool) override { return false; }
  void subscribe(std::string_view, int) override {}
  void set_will(const core::MqttWill&) override {}
  bool connected() const override { return false; }
};

}  // namespace hil::board
