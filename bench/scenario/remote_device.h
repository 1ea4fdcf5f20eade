// A device reached through real connections: a console tty and/or a broker (a board, or a
// `hilbench sim` process standing in for one). What differs between kinds is only which topics are
// theirs (RemoteProfile, from the family's row). Faults are out of reach here; `set:` reaches a
// device whose profile has a control topic (a simulated one in another process).
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>

#include "bench/io/mqtt_client.h"
#include "bench/io/serial_link.h"
#include "bench/scenario/device.h"
#include "bench/scenario/remote_profile.h"
#include "firmware_core/ports/scheduler.h"

namespace hil::scenario {

class RemoteDevice : public Device {
 public:
  // `log` is where its links log (their lines under "serial" and "mqtt").
  RemoteDevice(std::string name, RemoteProfile profile, RemoteConnection connection,
               boost::asio::io_context& io, core::Scheduler& clock, DeviceOutput output,
               bench::Logger log = {});
  ~RemoteDevice() override;

  // Opens the tty and connects to the broker (waiting up to 10 s); false and why not.
  bool open(std::string& error);

  const std::string& name() const override { return name_; }
  std::string kind() const override { return profile_.kind; }
  DeviceTopics topics() const override {
    return {profile_.topic_root, profile_.send_topic, profile_.expect_topic};
  }
  bool deliver(const std::string& link, const std::string& topic,
               const std::string& payload) override;
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
  bench::Logger log_;
  std::unique_ptr<bench::SerialLink> serial_;
  std::unique_ptr<bench::MqttClient> mqtt_;
  std::string partial_line_;
  nlohmann::json last_status_ = nlohmann::json::object();
};

}  // namespace hil::scenario
