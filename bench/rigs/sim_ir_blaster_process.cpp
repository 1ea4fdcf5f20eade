// A simulated Zigbee IR blaster, room and sensor wired to a real broker.
#include "bench/rigs/sim_ir_blaster_process.h"

#include "bench/io/mqtt_url.h"

namespace hil::bench {

SimIrBlasterProcess::SimIrBlasterProcess(boost::asio::io_context& io,
                                         SimIrBlasterProcessOptions options)
    : io_(io),
      options_(std::move(options)),
      scheduler_(io, options_.time_scale),
      log_(options_.log.at("ir_blaster")) {}

SimIrBlasterProcess::~SimIrBlasterProcess() {
  stop();
  blaster_.reset();  // cancels its timers while the scheduler still exists
}

bool SimIrBlasterProcess::start(std::string& error) {
  broker_url_ = broker_url_or_embedded(options_.broker_url, broker_, error);
  if (broker_url_.empty()) return false;
  if (broker_) {
    broker_->watch_exit(
        io_, [this](const std::string& why) { fail("the embedded broker ended: " + why); });
  }
  auto client = client_options_for(broker_url_, options_.username, options_.password,
                                   options_.tls_ca_file, error);
  if (!client) return false;
  client->client_id = "hilbench-sim-ir-" + options_.blaster.name;
  client->log = options_.log.at("mqtt");
  mqtt_ = std::make_unique<MqttClient>(io_, *client);
  blaster_ = std::make_unique<sim::SimIrBlaster>(scheduler_, *mqtt_, options_.blaster, &log_);
  // Each input is one event at one instant, so a send's timing starts exactly when it arrived.
  mqtt_->set_on_connected([this] { scheduler_.run_event([&] { blaster_->on_mqtt_connected(); }); });
  mqtt_->set_on_message([this](std::string_view topic, std::string_view payload, int, bool) {
    scheduler_.run_event([&] { blaster_->on_mqtt_message(topic, payload); });
  });
  blaster_->start();  // will and subscriptions first: the client uses them when it connects
  mqtt_->start();
  return true;
}

bool SimIrBlasterProcess::ready() const { return mqtt_ && mqtt_->connected(); }

nlohmann::json SimIrBlasterProcess::ready_info() const {
  const sim::SimIrBlasterTopics& t = blaster_->topics();
  nlohmann::json info = {{"ready", true},
                         {"name", blaster_->name()},
                         {"broker", broker_url_},
                         {"time_scale", options_.time_scale},
                         {"topics",
                          {{"set", t.set},
                           {"availability", t.availability},
                           {"state", t.state},
                           {"emitted", t.emitted},
                           {"control", t.control},
                           {"control_error", t.control_error},
                           {"sensor", t.sensor}}}};
  if (broker_) info["broker_pid"] = broker_->pid();  // the embedded mosquitto's
  return info;
}

void SimIrBlasterProcess::stop() {
  if (stopped_) return;
  stopped_ = true;
  if (blaster_) blaster_->shutdown();
  if (mqtt_) mqtt_->stop();
  if (broker_) broker_->stop();
}

void SimIrBlasterProcess::fail(const std::string& why) {
  options_.log.at("sim").error(why);
  failed_ = true;
  stop();
  io_.stop();
}

}  // namespace hil::bench
