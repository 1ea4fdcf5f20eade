// A simulated Zigbee IR blaster, room and sensor on a real broker: the body of `hilbench sim
// ir-blaster`.
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "bench/io/asio_scheduler.h"
#include "bench/io/embedded_broker.h"
#include "bench/io/mqtt_client.h"
#include "bench/log/log_line_sink.h"
#include "sim/ir/sim_ir_blaster.h"

namespace hil::bench {

struct SimIrBlasterProcessOptions {
  sim::SimIrBlasterOptions blaster;
  std::string broker_url;  // empty: start an embedded broker
  std::string username;
  std::string password;
  std::string tls_ca_file;
  double time_scale = 1.0;
  Logger log;  // the blaster's lines, and the client's under "mqtt"
};

class SimIrBlasterProcess {
 public:
  SimIrBlasterProcess(boost::asio::io_context& io, SimIrBlasterProcessOptions options);
  ~SimIrBlasterProcess();

  // Starts the broker if none was named, the MQTT client and the blaster; false with a reason if
  // the broker address is bad or the embedded broker does not start.
  bool start(std::string& error);
  // True once the MQTT session is up.
  bool ready() const;
  // The one "ready" line: broker and topics for scripts and tests.
  nlohmann::json ready_info() const;
  // Publishes availability offline and disconnects cleanly.
  void stop();
  // Stopped, and its MQTT connection closed (the offline message out).
  bool stopped() const { return stopped_ && (!mqtt_ || mqtt_->closed()); }
  // It stopped on its own: its embedded broker ended.
  bool failed() const { return failed_; }

 private:
  // Logs why, stops, and ends the io_context's run.
  void fail(const std::string& why);

  boost::asio::io_context& io_;
  SimIrBlasterProcessOptions options_;
  AsioScheduler scheduler_;
  LogLineSink log_;
  std::unique_ptr<EmbeddedBroker> broker_;
  std::unique_ptr<MqttClient> mqtt_;
  std::unique_ptr<sim::SimIrBlaster> blaster_;
  std::string broker_url_;
  bool stopped_ = false;
  bool failed_ = false;
};

}  // namespace hil::bench
