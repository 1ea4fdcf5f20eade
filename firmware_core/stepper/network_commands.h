// The node's network and broker settings: joining Wi-Fi, NET:STATUS/RESET/LIST/SET and
// MQTT:GET_CONFIG/SET_CONFIG.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "firmware_core/ports/line_sink.h"
#include "firmware_core/ports/wifi.h"
#include "firmware_core/stepper/command_table.h"
#include "firmware_core/stepper/node_context.h"
#include "firmware_core/stepper/settings.h"

namespace hil::stepper {

class NetworkCommands {
 public:
  NetworkCommands(core::Wifi& wifi, core::LineSink& console, SettingsStore& settings,
                  EventBracket& events)
      : wifi_(wifi), console_(console), settings_(settings), events_(events) {}

  // Joins the stored network, or opens the access point when none is stored.
  void power_on();

  Outcome net_status(const Request& request);
  Outcome net_reset(const Request& request);
  Outcome net_list(const Request& request);
  Outcome net_set(const Request& request);
  Outcome mqtt_get_config(const Request& request);
  Outcome mqtt_set_config(const Request& request);

  // Called when MQTT:SET_CONFIG changed the stored broker settings.
  std::function<void(const BrokerConfig&)> on_broker_config_changed;

 private:
  void join_wifi(const std::string& ssid, const std::string& pass);

  core::Wifi& wifi_;
  core::LineSink& console_;
  SettingsStore& settings_;
  EventBracket& events_;
  LifeToken life_;
};

}  // namespace hil::stepper
