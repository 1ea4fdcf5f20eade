// A stepper node reached through real connections (its console tty and/or its MQTT broker): a
// `hilbench sim stepper` process or a board. Faults and device state are out of reach here.
#pragma once

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "bench/io/mqtt_client.h"
#include "bench/io/serial_link.h"
#include "bench/scenario/device.h"
#include "firmware_core/ports/scheduler.h"

namespace hil::scenario {

struct RemoteConnection {
  std::string node_id;
  std::string serial;    // a tty path, or empty
  std::string mqtt_url;  // mqtt://HOST:PORT (or mqtts://), or empty
  std::string username;
  std::string password;
  std::string tls_ca_file;
};

class RemoteStepperDevice : public Device {
 public:
  RemoteStepperDevice(std::string name, RemoteConnection connection, boost::asio::io_context& io,
                      core::Scheduler& clock, DeviceOutput output);
  ~RemoteStepperDevice() override;

  // Opens the tty and connects to the broker (waiting up to 10 s); false and why not.
  bool open(std::string& error);

  const std::string& name() const override { return name_; }
  std::string kind() const override { return "stepper"; }
  std::string default_send_topic() const override { return "~/cmd"; }
  std::string default_expect_topic() const override { return "~/cmd/resp"; }
  std::string topic_root() const override { return "devices/" + connection_.node_id + "/"; }
  bool deliver(const std::string& link, const std::string& topic, const std::string& payload) override;
  bool set_link_up(const std::string& link, bool up, std::string& error) override;
  bool power_cycle(std::string& error) override;
  bool set(const std::string& what, const nlohmann::json& value, std::string& error) override;
  nlohmann::json snapshot() override { return last_status_; }
  nlohmann::json describe() const override;

 private:
  void on_serial_bytes(std::string_view bytes);
  void emit(const std::string& link, const std::string& topic, std::string payload);

  std::string name_;
  RemoteConnection connection_;
  boost::asio::io_context& io_;
  core::Scheduler& clock_;
  std::unique_ptr<bench::SerialLink> serial_;
  std::unique_ptr<bench::MqttClient> mqtt_;
  std::string partial_line_;
  nlohmann::json last_status_ = nlohmann::json::object();
};

}  // namespace hil::scenario
