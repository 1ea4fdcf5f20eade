// The node's network and broker settings: NET:STATUS/RESET/LIST/SET and MQTT:GET_CONFIG/SET_CONFIG.
#include "firmware_core/stepper/network_commands.h"

#include <algorithm>

#include "firmware_core/common/text.h"
#include "firmware_core/stepper/reply_channel.h"

namespace hil::stepper {
namespace {

constexpr std::size_t kMaxScanResults = 12;

Field text_field(const char* key, std::string value) { return Field{key, std::move(value)}; }

std::vector<Field> broker_fields(const BrokerConfig& broker) {
  return {
      text_field("host", core::quote(broker.host)), text_field("port", std::to_string(broker.port)),
      text_field("user", core::quote(broker.user)), text_field("pass", core::quote(broker.pass))};
}

}  // namespace

void NetworkCommands::power_on() {
  if (const auto wifi = settings_.load_wifi()) {
    join_wifi(wifi->first, wifi->second);
  } else {
    wifi_.start_access_point();
  }
}

void NetworkCommands::join_wifi(const std::string& ssid, const std::string& pass) {
  wifi_.connect(ssid, pass, life_.guard([this, ssid](bool ok) {
    events_.begin_event();
    if (ok) {
      console_.write_line("CTRL:INFO NET:CONNECTED ssid=" + core::quote(ssid) +
                          " ip=" + wifi_.status().ip);
    } else {
      console_.write_line("CTRL:INFO NET_CONNECT_FAILED ssid=" + core::quote(ssid));
      wifi_.start_access_point();
    }
    events_.end_event();
  }));
}

Outcome NetworkCommands::net_status(const Request& request) {
  const core::WifiStatus status = wifi_.status();
  Reply done;
  done.fields = {text_field("sub_action", "STATUS"), text_field("state", to_string(status.state)),
                 Field{"rssi", std::int64_t{status.rssi_dbm}},
                 text_field("ssid", core::quote(status.ssid)), text_field("ip", status.ip)};
  request.channel.send(request.ref, done);
  return Outcome{};
}

Outcome NetworkCommands::net_reset(const Request& request) {
  if (wifi_.status().state == core::WifiState::kConnecting) {
    request.channel.send(request.ref, error_reply(Problem{ErrorCode::kNetBusyConnecting, {}, {}}));
    return Outcome{true, std::nullopt};
  }
  Reply ack;
  ack.stage = Stage::kAck;
  ack.fields = {text_field("sub_action", "RESET"), text_field("state", "CONNECTING")};
  request.channel.send(request.ref, ack);
  if (!settings_.forget_wifi()) {
    request.channel.send(request.ref, error_reply(Problem{ErrorCode::kNetSaveFailed, {}, {}}));
    return Outcome{true, std::nullopt};
  }
  wifi_.start_access_point();
  const core::WifiStatus status = wifi_.status();
  Reply done;
  done.serial_lines.push_back("CTRL: NET:AP_ACTIVE msg_id=" + request.ref.id +
                              " ssid=" + core::quote(status.ssid) + " ip=" + status.ip);
  done.fields = {text_field("sub_action", "RESET"), text_field("state", to_string(status.state))};
  done.mqtt_result = {{"ssid", core::quote(status.ssid)}, {"ip", status.ip}};
  request.channel.send(request.ref, done);
  return Outcome{};
}

Outcome NetworkCommands::net_list(const Request& request) {
  const core::WifiState state = wifi_.status().state;
  if (state == core::WifiState::kConnecting) {
    request.channel.send(request.ref, error_reply(Problem{ErrorCode::kNetBusyConnecting, {}, {}}));
    return Outcome{true, std::nullopt};
  }
  if (state != core::WifiState::kApActive) {
    request.channel.send(request.ref, error_reply(Problem{ErrorCode::kNetScanApOnly, {}, {}}));
    return Outcome{true, std::nullopt};
  }
  std::vector<core::WifiNetwork> networks = wifi_.scan();
  std::stable_sort(networks.begin(), networks.end(),
                   [](const core::WifiNetwork& a, const core::WifiNetwork& b) {
                     return a.rssi_dbm > b.rssi_dbm;
                   });
  if (networks.size() > kMaxScanResults) networks.resize(kMaxScanResults);
  Reply ack;
  ack.stage = Stage::kAck;
  ack.fields = {Field{"scanning", std::int64_t{1}}};
  ack.serial_lines.push_back("NET:LIST msg_id=" + request.ref.id);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& net : networks) {
    ack.serial_lines.push_back(
        "SSID=" + core::quote(net.ssid) + " rssi=" + std::to_string(net.rssi_dbm) +
        " secure=" + (net.secure ? "1" : "0") + " channel=" + std::to_string(net.channel));
    list.push_back({{"ssid", net.ssid},
                    {"rssi", net.rssi_dbm},
                    {"secure", net.secure},
                    {"channel", net.channel}});
  }
  ack.mqtt_result["networks"] = std::move(list);
  request.channel.send(request.ref, ack);
  return Outcome{};
}

Outcome NetworkCommands::net_set(const Request& request) {
  std::optional<Problem> problem;
  if (request.command.ssid.empty() || request.command.ssid.size() > 32) {
    problem = Problem{ErrorCode::kNetBadParam, "SSID_LENGTH", {}};
  } else if (!request.command.pass.empty() && request.command.pass.size() < 8) {
    problem = Problem{ErrorCode::kNetBadParam, "PASS_TOO_SHORT", {}};
  } else if (request.command.pass.size() > 63) {
    problem = Problem{ErrorCode::kNetBadParam, "PASS_TOO_LONG", {}};
  } else if (wifi_.status().state == core::WifiState::kConnecting) {
    problem = Problem{ErrorCode::kNetBusyConnecting, {}, {}};
  } else if (!settings_.save_wifi(request.command.ssid, request.command.pass)) {
    problem = Problem{ErrorCode::kNetSaveFailed, {}, {}};
  }
  if (problem) {
    request.channel.send(request.ref, error_reply(std::move(*problem)));
    return Outcome{true, std::nullopt};
  }
  Reply done;
  done.fields = {text_field("sub_action", "SET")};
  request.channel.send(request.ref, done);
  join_wifi(request.command.ssid, request.command.pass);
  return Outcome{};
}

Outcome NetworkCommands::mqtt_get_config(const Request& request) {
  Reply done;
  done.fields = broker_fields(settings_.load_broker());
  request.channel.send(request.ref, done);
  return Outcome{};
}

Outcome NetworkCommands::mqtt_set_config(const Request& request) {
  BrokerConfig next = request.command.reset ? settings_.broker_defaults() : settings_.load_broker();
  std::optional<Problem> problem;
  for (const auto& [raw_key, value] : request.command.assignments) {
    const std::string key = core::to_upper(raw_key);
    const Field field = text_field("field", raw_key);
    if (key != "HOST" && key != "PORT" && key != "USER" && key != "PASS") {
      problem = Problem{ErrorCode::kMqttBadParam, "UNSUPPORTED_FIELD", {field}};
    } else if (core::iequals(value, "DEFAULT")) {
      problem = Problem{ErrorCode::kMqttBadParam, "UNSUPPORTED_DEFAULT", {field}};
    } else if (key == "PORT") {
      const auto port = core::parse_int(value);
      if (!port || *port < 1 || *port > 65535)
        problem = Problem{ErrorCode::kMqttBadParam, "INVALID_PORT", {field}};
      if (port) next.port = *port;
    } else if (key == "HOST") {
      if (value.empty()) problem = Problem{ErrorCode::kMqttBadParam, "EMPTY_HOST", {field}};
      next.host = value;
    } else if (key == "USER") {
      next.user = value;
    } else {
      next.pass = value;
    }
    if (problem) break;
  }
  if (!problem) {
    const bool saved = request.command.reset && request.command.assignments.empty()
                           ? settings_.reset_broker()
                           : settings_.save_broker(next);
    if (!saved) problem = Problem{ErrorCode::kMqttConfigSaveFailed, {}, {}};
  }
  if (problem) {
    request.channel.send(request.ref, error_reply(std::move(*problem)));
    return Outcome{true, std::nullopt};
  }
  Reply done;
  done.fields = broker_fields(next);
  request.channel.send(request.ref, done);
  if (on_broker_config_changed) on_broker_config_changed(next);
  return Outcome{};
}

}  // namespace hil::stepper
