// A simulated stepper node wired to real transports: the body of `hilbench sim stepper`.
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "bench/io/asio_scheduler.h"
#include "bench/io/embedded_broker.h"
#include "bench/io/mqtt_client.h"
#include "bench/io/serial_link.h"
#include "sim/common/seeded_random.h"
#include "sim/stepper/sim_stepper_board.h"

namespace hil::bench {

struct SimStepperProcessOptions {
  std::string node_id;
  std::string broker_url;  // empty: start an embedded broker
  bool mqtt = true;        // false: serial only
  std::string username;
  std::string password;
  std::string tls_ca_file;
  // False: the broker keeps the node's session, and the QoS 1 commands sent while it is away.
  bool clean_session = true;
  std::string serial;  // "", "pty" or a tty path
  double time_scale = 1.0;
  std::uint64_t seed = 1;
  std::string config_file;  // empty: settings live in memory
  Logger log;               // the console's lines, the rig's own and the links'
};

class SimStepperProcess {
 public:
  SimStepperProcess(boost::asio::io_context& io, SimStepperProcessOptions options);
  ~SimStepperProcess();

  // Opens the links and boots the node; false with a reason if a link cannot be opened.
  bool start(std::string& error);
  // True once every requested link is usable (the MQTT session is up, if any).
  bool ready() const;
  // The one "ready" line: endpoints for scripts and tests.
  nlohmann::json ready_info() const;
  // Publishes the node's offline status, then disconnects.
  void stop();
  // Stopped, and its MQTT connection closed.
  bool stopped() const { return !mqtt_ || mqtt_->closed(); }
  // It stopped on its own: its embedded broker ended.
  bool failed() const { return failed_; }

 private:
  class ConsoleOut;

  // Logs why, stops, and ends the io_context's run.
  void fail(const std::string& why);

  boost::asio::io_context& io_;
  SimStepperProcessOptions options_;
  AsioScheduler scheduler_;
  sim::SeededRandom random_;
  std::unique_ptr<core::ConfigStore> store_;
  std::unique_ptr<EmbeddedBroker> broker_;
  std::unique_ptr<MqttClient> mqtt_;
  std::unique_ptr<SerialLink> serial_;
  std::unique_ptr<ConsoleOut> console_;
  std::unique_ptr<core::MqttLink> offline_mqtt_;
  std::unique_ptr<sim::SimStepperBoard> board_;
  std::string broker_url_;
  bool stopped_ = false;
  bool failed_ = false;
};

}  // namespace hil::bench
