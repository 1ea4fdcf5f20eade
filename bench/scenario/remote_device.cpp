// A device reached through real connections.
#include "bench/scenario/remote_device.h"

#include <chrono>

#include "bench/io/mqtt_url.h"

namespace hil::scenario {
namespace {

constexpr auto kConnectTimeout = std::chrono::seconds(10);

}  // namespace

std::optional<RemoteProfile> remote_profile(const DeviceSpec& spec, const RemoteConnection& connection,
                                            std::string& error) {
  const nlohmann::json& o = spec.options;
  if (spec.kind == "hvac") {
    const std::string root = o.value("discovery_prefix", "homeassistant") + "/climate/" + o.value("device_id", spec.name) + "/";
    const std::string blaster_set = "zigbee2mqtt/" + o.value("blaster", "ir_blaster") + "/set";
    return RemoteProfile{"hvac", root, "~/set", "~/state", {root + "config", root + "state", root + "availability", blaster_set}, "", ""};
  }
  if (spec.kind == "ir_blaster") {
    const std::string zigbee = o.value("zigbee_name", spec.name);
    const std::string root = "zigbee2mqtt/" + zigbee + "/";
    const std::string bench = "hilbench/ir/" + zigbee + "/";
    const std::string sensor = "zigbee2mqtt/" + o.value("sensor_name", zigbee + "_room");
    return RemoteProfile{"ir_blaster",
                         root,
                         "~/set",
                         bench + "emitted",
                         {root + "availability", "zigbee2mqtt/" + zigbee, sensor, bench + "emitted", bench + "control/error"},
                         bench + "emitted",
                         bench + "control"};
  }
  if (spec.kind == "mcu") return RemoteProfile{"mcu", "", "", "", {}, "", ""};  // JSON lines on its serial link only
  const std::string node_id = connection.node_id.empty() ? o.value("node_id", "") : connection.node_id;
  if (node_id.empty() && !connection.mqtt_url.empty()) {
    error = "no node_id for device '" + spec.name + "' (in the target or the scenario)";
    return std::nullopt;
  }
  const std::string root = "devices/" + node_id + "/";
  return RemoteProfile{"stepper", root, "~/cmd", "~/cmd/resp", {root + "cmd/resp", root + "status", root + "config"}, "", ""};
}

RemoteDevice::RemoteDevice(std::string name, RemoteProfile profile, RemoteConnection connection,
                           boost::asio::io_context& io, core::Scheduler& clock, DeviceOutput output)
    : name_(std::move(name)), profile_(std::move(profile)), connection_(std::move(connection)), io_(io), clock_(clock) {
  on_output = std::move(output);
}

RemoteDevice::~RemoteDevice() {
  if (mqtt_) mqtt_->stop();
}

bool RemoteDevice::open(std::string& error) {
  if (!connection_.serial.empty()) {
    serial_ = bench::SerialLink::open_tty(io_, connection_.serial, bench::SerialLink::kDefaultBaud, error);
    if (!serial_) return false;
    serial_->set_on_bytes([this](std::string_view bytes) { on_serial_bytes(bytes); });
  }
  if (connection_.mqtt_url.empty()) return true;
  const auto options = bench::client_options_for(connection_.mqtt_url, connection_.username, connection_.password,
                                                 connection_.tls_ca_file, error);
  if (!options) return false;
  mqtt_ = std::make_unique<bench::MqttClient>(io_, *options);
  // What the device publishes; its command topic is what we send, so it is not read back.
  for (const auto& filter : profile_.outputs) mqtt_->subscribe(filter, 1);
  mqtt_->set_on_message([this](std::string_view topic, std::string_view payload, int, bool) {
    emit("mqtt", std::string(topic), std::string(payload));
    if (!profile_.ir_topic.empty() && topic == profile_.ir_topic) emit("ir", "", std::string(payload));
  });
  mqtt_->start();
  const auto deadline = std::chrono::steady_clock::now() + kConnectTimeout;
  while (!mqtt_->connected() && std::chrono::steady_clock::now() < deadline) {
    if (io_.stopped()) io_.restart();
    io_.run_one_for(std::chrono::milliseconds(20));
  }
  if (!mqtt_->connected()) {
    error = "no connection to " + connection_.mqtt_url + ": " + mqtt_->last_error();
    return false;
  }
  return true;
}

void RemoteDevice::on_serial_bytes(std::string_view bytes) {
  for (const char c : bytes) {
    if (c != '\r' && c != '\n') {
      partial_line_.push_back(c);
    } else if (!partial_line_.empty()) {
      emit("serial", "", std::exchange(partial_line_, {}));
    }
  }
}

void RemoteDevice::emit(const std::string& link, const std::string& topic, std::string payload) {
  if (profile_.kind == "stepper" && topic == topic_root() + "status") {
    const auto doc = nlohmann::json::parse(payload, nullptr, false);
    if (doc.is_object()) last_status_ = doc;
  }
  if (on_output) on_output(LinkMessage{clock_.now().count(), name_, link, topic, std::move(payload), false, false, {}});
}

bool RemoteDevice::deliver(const std::string& link, const std::string& topic, const std::string& payload) {
  if (link == "serial") return serial_ && serial_->write(payload + "\n");
  return mqtt_ && mqtt_->connected() && mqtt_->publish(topic, payload, 1, false);
}

bool RemoteDevice::set_link_up(const std::string& link, bool, std::string& error) {
  error = "cannot cut the " + link + " link of '" + name_ + "': it is a real connection (faults need a simulated device)";
  return false;
}

bool RemoteDevice::power_cycle(std::string& error) {
  error = "cannot power-cycle '" + name_ + "': it is a real device (faults need a simulated device)";
  return false;
}

bool RemoteDevice::set(const std::string& what, const nlohmann::json& value, std::string& error) {
  if (profile_.control_topic.empty()) {
    error = "cannot set '" + what + "' on '" + name_ + "': device state is only settable on a simulated device";
    return false;
  }
  // The simulated blaster's control topic takes the same settings, temperatures as bare numbers.
  const bool wrapped = value.is_object() && value.size() == 1 && value.contains("celsius");
  const nlohmann::json control = {{what, wrapped ? value["celsius"] : value}};
  if (!mqtt_ || !mqtt_->connected() || !mqtt_->publish(profile_.control_topic, control.dump(), 1, false)) {
    error = "cannot set '" + what + "' on '" + name_ + "': no broker connection";
    return false;
  }
  return true;
}

nlohmann::json RemoteDevice::describe() const {
  nlohmann::json out = {{"name", name_}, {"kind", profile_.kind}, {"topic_root", profile_.topic_root}};
  if (!connection_.node_id.empty()) out["node_id"] = connection_.node_id;
  if (!connection_.serial.empty()) out["serial"] = connection_.serial;
  if (!connection_.mqtt_url.empty()) out["mqtt"] = connection_.mqtt_url;
  return out;
}

}  // namespace hil::scenario
