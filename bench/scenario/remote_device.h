// A device reached through real connections: a stepper node's console tty and/or its broker (a
// `hilbench sim stepper` process or a board), or an HVAC bridge or IR blaster on a broker
// (`hilbench hvac`, `hilbench sim ir-blaster`, a real ZS06 behind Zigbee2MQTT). What differs
// between kinds is only which topics are theirs (RemoteProfile). Faults are out of reach here;
// `set:` reaches a blaster that has a control topic (the simulated one).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "bench/io/mqtt_client.h"
#include "bench/io/serial_link.h"
#include "bench/scenario/device.h"
#include "bench/scenario/scenario.h"
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

// A kind of device as seen from its broker.
struct RemoteProfile {
  std::string kind;
  std::string topic_root;  // what "~/" stands for
  std::string send_topic;  // the defaults of sends and expects
  std::string expect_topic;
  std::vector<std::string> outputs;  // filters of what it publishes: subscribed, and its output
  std::string ir_topic;              // reports of emitted frames, also its `ir` link ("" none)
  std::string control_topic;         // where `set:` goes as {"<what>": value} ("" none)
};

// The profile of a scenario device of kind stepper, hvac, ir_blaster or mcu with these options (and the
// target's node_id for a stepper); nullopt and why when something it needs is missing.
std::optional<RemoteProfile> remote_profile(const DeviceSpec& spec, const RemoteConnection& connection,
                                            std::string& error);

class RemoteDevice : public Device {
 public:
  RemoteDevice(std::string name, RemoteProfile profile, RemoteConnection connection, boost::asio::io_context& io,
               core::Scheduler& clock, DeviceOutput output);
  ~RemoteDevice() override;

  // Opens the tty and connects to the broker (waiting up to 10 s); false and why not.
  bool open(std::string& error);

  const std::string& name() const override { return name_; }
  std::string kind() const override { return profile_.kind; }
  std::string topic_root() const override { return profile_.topic_root; }
  std::string default_send_topic() const override { return profile_.send_topic; }
  std::string default_expect_topic() const override { return profile_.expect_topic; }
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
  RemoteProfile profile_;
  RemoteConnection connection_;
  boost::asio::io_context& io_;
  core::Scheduler& clock_;
  std::unique_ptr<bench::SerialLink> serial_;
  std::unique_ptr<bench::MqttClient> mqtt_;
  std::string partial_line_;
  nlohmann::json last_status_ = nlohmann::json::object();
};

}  // namespace hil::scenario
