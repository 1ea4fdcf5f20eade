// A device reached through real connections.
#include "bench/scenario/remote_device.h"

#include <chrono>

#include "bench/io/mqtt_url.h"
#include "bench/io/run_until.h"

namespace hil::scenario {
namespace {

constexpr auto kConnectTimeout = std::chrono::seconds(10);

}  // namespace

RemoteDevice::RemoteDevice(std::string name, RemoteProfile profile, RemoteConnection connection,
                           boost::asio::io_context& io, core::Scheduler& clock, DeviceOutput output,
                           bench::Logger log)
    : name_(std::move(name)),
      profile_(std::move(profile)),
      connection_(std::move(connection)),
      io_(io),
      clock_(clock),
      log_(std::move(log)) {
  on_output = std::move(output);
}

RemoteDevice::~RemoteDevice() {
  if (mqtt_) mqtt_->stop();
}

bool RemoteDevice::open(std::string& error) {
  if (!connection_.serial.empty()) {
    serial_ = bench::SerialLink::open_tty(io_, connection_.serial, bench::SerialLink::kDefaultBaud,
                                          error, log_.at("serial"));
    if (!serial_) return false;
    serial_->set_on_bytes([this](std::string_view bytes) { on_serial_bytes(bytes); });
  }
  if (connection_.mqtt_url.empty()) return true;
  auto options = bench::client_options_for(connection_.mqtt_url, connection_.username,
                                           connection_.password, connection_.tls_ca_file, error);
  if (!options) return false;
  options->log = log_.at("mqtt");
  mqtt_ = std::make_unique<bench::MqttClient>(io_, *options);
  // What the device publishes; its command topic is what we send, so it is not read back.
  for (const auto& filter : profile_.outputs) mqtt_->subscribe(filter, 1);
  mqtt_->set_on_message([this](std::string_view topic, std::string_view payload, int, bool) {
    emit("mqtt", std::string(topic), std::string(payload));
    if (!profile_.report_topic.empty() && topic == profile_.report_topic)
      emit(profile_.report_link, "", std::string(payload));
  });
  mqtt_->start();
  // Subscribed, so that nothing the device says after the first step is missed.
  if (!bench::run_until(
          io_, [this] { return mqtt_->subscribed(); }, kConnectTimeout)) {
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
  if (!profile_.state_topic.empty() && topic == profile_.state_topic) {
    const auto doc = nlohmann::json::parse(payload, nullptr, false);
    if (doc.is_object()) last_status_ = doc;
  }
  if (on_output)
    on_output(LinkMessage{
        clock_.now().count(), name_, link, topic, std::move(payload), false, false, {}});
}

bool RemoteDevice::deliver(const std::string& link, const std::string& topic,
                           const std::string& payload) {
  if (link == "serial") return serial_ && serial_->write(payload + "\n");
  return mqtt_ && mqtt_->connected() && mqtt_->publish(topic, payload, 1, false);
}

bool RemoteDevice::set_link_up(const std::string& link, bool, std::string& error) {
  error = "cannot cut the " + link + " link of '" + name_ +
          "': it is a real connection (faults need a simulated device)";
  return false;
}

bool RemoteDevice::power_cycle(std::string& error) {
  error =
      "cannot power-cycle '" + name_ + "': it is a real device (faults need a simulated device)";
  return false;
}

bool RemoteDevice::set(const std::string& what, const nlohmann::json& value, std::string& error) {
  if (profile_.control_topic.empty()) {
    error = "cannot set '" + what + "' on '" + name_ +
            "': device state is only settable on a simulated device";
    return false;
  }
  // The simulated blaster's control topic takes the same settings, temperatures as bare numbers.
  const bool wrapped = value.is_object() && value.size() == 1 && value.contains("celsius");
  const nlohmann::json control = {{what, wrapped ? value["celsius"] : value}};
  if (!mqtt_ || !mqtt_->connected() ||
      !mqtt_->publish(profile_.control_topic, control.dump(), 1, false)) {
    error = "cannot set '" + what + "' on '" + name_ + "': no broker connection";
    return false;
  }
  return true;
}

nlohmann::json RemoteDevice::describe() const {
  nlohmann::json out = {
      {"name", name_}, {"kind", profile_.kind}, {"topic_root", profile_.topic_root}};
  if (!connection_.node_id.empty()) out["node_id"] = connection_.node_id;
  if (!connection_.serial.empty()) out["serial"] = connection_.serial;
  if (!connection_.mqtt_url.empty()) out["mqtt"] = connection_.mqtt_url;
  return out;
}

}  // namespace hil::scenario
