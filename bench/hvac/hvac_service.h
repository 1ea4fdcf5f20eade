// `hilbench hvac`: the core's HVAC bridge on a real broker (libmosquitto in Asio, real time).
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "bench/io/asio_scheduler.h"
#include "bench/io/mqtt_client.h"
#include "bench/log/log_line_sink.h"
#include "firmware_core/hvac/hvac_bridge.h"

namespace hil::bench {

struct HvacServiceOptions {
  std::string broker_url = "mqtt://127.0.0.1:1883";
  std::string username;
  std::string password;
  std::string tls_ca_file;    // with mqtts:// URLs
  std::string tls_cert_file;  // optional client certificate and key
  std::string tls_key_file;
  hvac::BridgeConfig config;
  bool remove = false;  // delete the entities from Home Assistant, never announcing them
  Logger log;           // the bridge's lines under "hvac", the client's under "mqtt"
};

class HvacService {
 public:
  HvacService(boost::asio::io_context& io, HvacServiceOptions options);
  ~HvacService();

  // Checks the configuration and starts connecting; false and why when it cannot start.
  bool start(std::string& error);
  // Connected (and announced) at least once.
  bool ready() const { return ready_; }
  // The ready line: broker and, per entity, its topics.
  nlohmann::json ready_info() const;
  // Says "offline" for every entity unless they were removed (a clean disconnect discards the
  // will), then disconnects once the broker has acknowledged what was published.
  void stop(bool announce_offline = true);
  // Stopped and disconnected.
  bool stopped() const { return !mqtt_ || mqtt_->closed(); }
  const std::string& last_error() const { return mqtt_->last_error(); }

 private:
  boost::asio::io_context& io_;
  HvacServiceOptions options_;
  AsioScheduler scheduler_;
  LogLineSink log_;
  std::unique_ptr<MqttClient> mqtt_;
  std::unique_ptr<hvac::HvacBridge> bridge_;
  bool ready_ = false;
  bool stopping_ = false;
};

}  // namespace hil::bench
