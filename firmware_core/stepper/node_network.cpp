// The stepper node's network commands: NET:STATUS/RESET/LIST/SET and MQTT:GET_CONFIG/SET_CONFIG.
#include <algorithm>

#include "firmware_core/common/text.h"
#include "firmware_core/stepper/node.h"

namespace hil::core {
namespace {

constexpr std::size_t kMaxScanResults = 12;

Field text_field(const char* key, std::string value) { return Field{key, std::move(value)}; }

}  // namespace

const char* to_string(WifiState state) {
  switch (state) {
    case WifiState::kDisconnected: return "DISCONNECTED";
    case WifiState::kConnecting: return "CONNECTING";
    case WifiState::kConnected: return "CONNECTED";
    case WifiState::kApActive: return "AP_ACTIVE";
  }
  return "DISCONNECTED";
}

void StepperNode::join_wifi(const std::string& ssid, const std::string& pass) {
  std::weak_ptr<bool> alive = alive_;
  ports_.wifi.connect(ssid, pass, [this, alive, ssid](bool ok) {
    const auto token = alive.lock();
    if (!token || !*token) return;
    begin_event();
    if (ok) {
      ports_.console.write_line("CTRL:INFO NET:CONNECTED ssid=" + quote(ssid) + " ip=" + ports_.wifi.status().ip);
    } else {
      ports_.console.write_line("CTRL:INFO NET_CONNECT_FAILED ssid=" + quote(ssid));
      ports_.wifi.start_access_point();
    }
    end_event();
  });
}

StepperNode::Outcome StepperNode::run_net_status(ReplyChannel& channel, const CommandRef& ref) {
  const WifiStatus status = ports_.wifi.status();
  Reply done;
  done.fields = {text_field("sub_action", "STATUS"), text_field("state", to_string(status.state)),
                 Field{"rssi", std::int64_t{status.rssi_dbm}}, text_field("ssid", quote(status.ssid)),
                 text_field("ip", status.ip)};
  channel.send(ref, done);
  return Outcome{};
}

StepperNode::Outcome StepperNode::run_net_reset(ReplyChannel& channel, const CommandRef& ref) {
  if (ports_.wifi.status().state == WifiState::kConnecting) {
    channel.send(ref, error_reply(Problem{"NET_BUSY_CONNECTING", {}, {}}));
    return Outcome{true, std::nullopt};
  }
  Reply ack;
  ack.stage = Stage::kAck;
  ack.fields = {text_field("sub_action", "RESET"), text_field("state", "CONNECTING")};
  channel.send(ref, ack);
  if (!settings_.forget_wifi()) {
    channel.send(ref, error_reply(Problem{"NET_SAVE_FAILED", {}, {}}));
    return Outcome{true, std::nullopt};
  }
  ports_.wifi.start_access_point();
  const WifiStatus status = ports_.wifi.status();
  Reply done;
  done.serial_lines.push_back("CTRL: NET:AP_ACTIVE msg_id=" + ref.id + " ssid=" + quote(status.ssid) + " ip=" + status.ip);
  done.fields = {text_field("sub_action", "RESET"), text_field("state", to_string(status.state))};
  done.mqtt_result = {{"ssid", quote(status.ssid)}, {"ip", status.ip}};
  channel.send(ref, done);
  return Outcome{};
}

StepperNode::Outcome StepperNode::run_net_list(ReplyChannel& channel, const CommandRef& ref) {
  const WifiState state = ports_.wifi.status().state;
  if (state == WifiState::kConnecting) {
    channel.send(ref, error_reply(Problem{"NET_BUSY_CONNECTING", {}, {}}));
    return Outcome{true, std::nullopt};
  }
  if (state != WifiState::kApActive) {
    channel.send(ref, error_reply(Problem{"NET_SCAN_AP_ONLY", {}, {}}));
    return Outcome{true, std::nullopt};
  }
  std::vector<WifiNetwork> networks = ports_.wifi.scan();
  std::stable_sort(networks.begin(), networks.end(),
                   [](const WifiNetwork& a, const WifiNetwork& b) { return a.rssi_dbm > b.rssi_dbm; });
  if (networks.size() > kMaxScanResults) networks.resize(kMaxScanResults);
  Reply ack;
  ack.stage = Stage::kAck;
  ack.fields = {Field{"scanning", std::int64_t{1}}};
  ack.serial_lines.push_back("NET:LIST msg_id=" + ref.id);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& net : networks) {
    ack.serial_lines.push_back("SSID=" + quote(net.ssid) + " rssi=" + std::to_string(net.rssi_dbm) +
                               " secure=" + (net.secure ? "1" : "0") + " channel=" + std::to_string(net.channel));
    list.push_back({{"ssid", net.ssid}, {"rssi", net.rssi_dbm}, {"secure", net.secure}, {"channel", net.channel}});
  }
  ack.mqtt_result["networks"] = std::move(list);
  channel.send(ref, ack);
  return Outcome{};
}

StepperNode::Outcome StepperNode::run_net_set(const Command& cmd, ReplyChannel& channel, const CommandRef& ref) {
  std::optional<Problem> problem;
  if (cmd.ssid.empty() || cmd.ssid.size() > 32) {
    problem = Problem{"NET_BAD_PARAM", "SSID_LENGTH", {}};
  } else if (!cmd.pass.empty() && cmd.pass.size() < 8) {
    problem = Problem{"NET_BAD_PARAM", "PASS_TOO_SHORT", {}};
  } else if (cmd.pass.size() > 63) {
    problem = Problem{"NET_BAD_PARAM", "PASS_TOO_LONG", {}};
  } else if (ports_.wifi.status().state == WifiState::kConnecting) {
    problem = Problem{"NET_BUSY_CONNECTING", {}, {}};
  } else if (!settings_.save_wifi(cmd.ssid, cmd.pass)) {
    problem = Problem{"NET_SAVE_FAILED", {}, {}};
  }
  if (problem) {
    channel.send(ref, error_reply(std::move(*problem)));
    return Outcome{true, std::nullopt};
  }
  Reply done;
  done.fields = {text_field("sub_action", "SET")};
  channel.send(ref, done);
  join_wifi(cmd.ssid, cmd.pass);
  return Outcome{};
}

std::vector<Field> StepperNode::broker_fields(const BrokerConfig& broker) const {
  return {text_field("host", quote(broker.host)), text_field("port", std::to_string(broker.port)),
          text_field("user", quote(broker.user)), text_field("pass", quote(broker.pass))};
}

StepperNode::Outcome StepperNode::run_mqtt_get_config(ReplyChannel& channel, const CommandRef& ref) {
  Reply done;
  done.fields = broker_fields(settings_.load_broker());
  channel.send(ref, done);
  return Outcome{};
}

StepperNode::Outcome StepperNode::run_mqtt_set_config(const Command& cmd, ReplyChannel& channel,
                                                      const CommandRef& ref) {
  BrokerConfig next = cmd.reset ? settings_.broker_defaults() : settings_.load_broker();
  std::optional<Problem> problem;
  for (const auto& [raw_key, value] : cmd.assignments) {
    const std::string key = to_upper(raw_key);
    const Field field = text_field("field", raw_key);
    if (key != "HOST" && key != "PORT" && key != "USER" && key != "PASS") {
      problem = Problem{"MQTT_BAD_PARAM", "UNSUPPORTED_FIELD", {field}};
    } else if (iequals(value, "DEFAULT")) {
      problem = Problem{"MQTT_BAD_PARAM", "UNSUPPORTED_DEFAULT", {field}};
    } else if (key == "PORT") {
      const auto port = parse_int(value);
      if (!port || *port < 1 || *port > 65535) problem = Problem{"MQTT_BAD_PARAM", "INVALID_PORT", {field}};
      if (port) next.port = *port;
    } else if (key == "HOST") {
      if (value.empty()) problem = Problem{"MQTT_BAD_PARAM", "EMPTY_HOST", {field}};
      next.host = value;
    } else if (key == "USER") {
      next.user = value;
    } else {
      next.pass = value;
    }
    if (problem) break;
  }
  if (!problem) {
    const bool saved = cmd.reset && cmd.assignments.empty() ? settings_.reset_broker() : settings_.save_broker(next);
    if (!saved) problem = Problem{"MQTT_CONFIG_SAVE_FAILED", {}, {}};
  }
  if (problem) {
    channel.send(ref, error_reply(std::move(*problem)));
    return Outcome{true, std::nullopt};
  }
  Reply done;
  done.fields = broker_fields(next);
  channel.send(ref, done);
  if (on_broker_config_changed) on_broker_config_changed(next);
  return Outcome{};
}

}  // namespace hil::core
