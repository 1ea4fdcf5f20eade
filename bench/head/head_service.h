// `hilbench head`: the robot head's controller (firmware_core/head) on a real broker, with real
// script processes (or simulated ones from a description) and BlueZ over D-Bus (or a simulated
// adapter), on the wall clock.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bench/head/sim_head_description.h"
#include "bench/io/asio_scheduler.h"
#include "bench/io/mqtt_client.h"
#include "bench/log/log_line_sink.h"
#include "firmware_core/head/head_controller.h"

namespace hil::bench {

struct HeadServiceOptions {
  std::string name;
  std::string broker_url = "mqtt://127.0.0.1:1883";
  std::string username;
  std::string password;
  std::string tls_ca_file;  // with mqtts:// URLs
  std::string tls_cert_file;
  std::string tls_key_file;
  std::vector<std::string> scripts_dirs;  // real processes: where scripts may run from
  std::string interpreter = "python3";
  std::chrono::milliseconds stop_grace{5000};
  std::chrono::milliseconds connect_timeout{30000};
  // Simulated scripts (instead of real processes) and, with sim_bluetooth, devices.
  std::optional<SimHeadDescription> sim;
  bool sim_bluetooth = false;     // else BlueZ on the system bus
  std::string bluetooth_adapter;  // BlueZ's adapter ("hci0"); empty: any
  Logger log;
};

class HeadService {
 public:
  HeadService(boost::asio::io_context& io, HeadServiceOptions options);
  ~HeadService();
  HeadService(const HeadService&) = delete;
  HeadService& operator=(const HeadService&) = delete;

  // Makes the runner, the adapter and the controller and starts connecting; false and why.
  bool start(std::string& error);
  bool ready() const { return ready_; }
  nlohmann::json ready_info() const;
  // Stops every script, disconnects every device, says offline, then leaves the broker.
  void shut_down();
  bool stopped() const { return !mqtt_ || mqtt_->closed(); }
  const std::string& last_error() const { return mqtt_->last_error(); }

 private:
  struct SystemClock : core::WallClock {
    double unix_seconds() const override;
  };

  boost::asio::io_context& io_;
  HeadServiceOptions options_;
  AsioScheduler scheduler_;
  LogLineSink log_;
  SystemClock clock_;
  std::string bluetooth_note_;  // what the ready line says of Bluetooth
  std::unique_ptr<core::ProcessRunner> runner_;
  std::unique_ptr<core::BluetoothAdapter> bluetooth_;
  std::unique_ptr<MqttClient> mqtt_;
  std::unique_ptr<head::HeadController> head_;
  bool ready_ = false;
};

}  // namespace hil::bench
