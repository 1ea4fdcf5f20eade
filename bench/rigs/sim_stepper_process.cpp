// A simulated stepper node wired to real transports.
#include "bench/rigs/sim_stepper_process.h"

#include "bench/io/file_config_store.h"
#include "bench/io/mqtt_url.h"
#include "sim/common/memory_config_store.h"

namespace hil::bench {

// Console lines go to the serial link (CRLF, as the firmware prints) and to the log.
class SimStepperProcess::ConsoleOut : public core::LineSink {
 public:
  ConsoleOut(SerialLink* serial, Logger log) : serial_(serial), log_(std::move(log)) {}
  void write_line(std::string_view line) override {
    if (serial_ != nullptr) serial_->write_or_drop(std::string(line) + "\r\n");
    log_.info(line);
  }

 private:
  SerialLink* serial_;
  Logger log_;
};

namespace {

// The MQTT port of a node that has no broker (serial only): never connected, drops everything.
class NoMqtt : public core::MqttLink {
 public:
  bool publish(std::string_view, std::string_view, int, bool) override { return false; }
  void subscribe(std::string_view, int) override {}
  void set_will(const core::MqttWill&) override {}
  bool connected() const override { return false; }
};

}  // namespace

SimStepperProcess::SimStepperProcess(boost::asio::io_context& io, SimStepperProcessOptions options)
    : io_(io),
      options_(std::move(options)),
      scheduler_(io, options_.time_scale),
      random_(options_.seed) {}

SimStepperProcess::~SimStepperProcess() { stop(); }

bool SimStepperProcess::start(std::string& error) {
  if (options_.config_file.empty()) {
    store_ = std::make_unique<sim::MemoryConfigStore>();
  } else {
    auto file = std::make_unique<FileConfigStore>(options_.config_file);
    const Logger log = options_.log.at("sim");
    if (!file->error().empty()) log.warning("config file: " + file->error());
    if (const std::string why = file->save_problem(); !why.empty()) {
      log.warning("config file: " + why +
                  "; changed settings cannot be kept: SET, NET:SET and MQTT:SET_CONFIG will "
                  "answer with their SAVE_FAILED errors");
    }
    store_ = std::move(file);
  }
  if (!options_.serial.empty()) {
    const Logger serial_log = options_.log.at("serial");
    serial_ = options_.serial == "pty"
                  ? SerialLink::open_pty(io_, error, serial_log)
                  : SerialLink::open_tty(io_, options_.serial, SerialLink::kDefaultBaud, error,
                                         serial_log);
    if (!serial_) return false;
  }
  console_ = std::make_unique<ConsoleOut>(serial_.get(), options_.log.at("console"));

  core::MqttLink* link = nullptr;
  if (options_.mqtt) {
    broker_url_ = broker_url_or_embedded(options_.broker_url, broker_, error);
    if (broker_url_.empty()) return false;
    if (broker_) {
      broker_->watch_exit(
          io_, [this](const std::string& why) { fail("the embedded broker ended: " + why); });
    }
    auto client = client_options_for(broker_url_, options_.username, options_.password,
                                     options_.tls_ca_file, error);
    if (!client) return false;
    client->client_id = "hilbench-sim-" + options_.node_id;
    client->clean_session = options_.clean_session;
    client->log = options_.log.at("mqtt");
    mqtt_ = std::make_unique<MqttClient>(io_, *client);
    link = mqtt_.get();
  } else {
    offline_mqtt_ = std::make_unique<NoMqtt>();
    link = offline_mqtt_.get();
  }

  sim::SimStepperBoardOptions board;
  board.node.node_id = options_.node_id;
  board_ =
      std::make_unique<sim::SimStepperBoard>(scheduler_, random_, *store_, *console_, *link, board);
  // Each input is one event at one instant, so device times stay exact (a 550 ms move reports 550).
  if (serial_) {
    serial_->set_on_bytes([this](std::string_view bytes) {
      scheduler_.run_event([&] { board_->node().on_serial_bytes(bytes); });
    });
    serial_->set_on_open_changed([this](bool open) {
      if (open) return;
      std::size_t dropped = 0;
      scheduler_.run_event([&] { dropped = board_->node().on_serial_peer_gone(); });
      if (dropped > 0) {
        options_.log.at("console").warning("the peer left an unfinished line (" +
                                           std::to_string(dropped) +
                                           " bytes): dropped, none of it runs");
      }
    });
  }
  board_->node().on_broker_config_changed([this](const stepper::BrokerConfig& broker) {
    options_.log.at("sim").info("broker settings stored (" + broker.host + ":" +
                                std::to_string(broker.port) + "); a simulated node stays on " +
                                (broker_url_.empty() ? "no broker" : broker_url_));
  });
  if (mqtt_) {
    mqtt_->set_on_connected(
        [this] { scheduler_.run_event([&] { board_->node().on_mqtt_connected(); }); });
    mqtt_->set_on_message([this](std::string_view topic, std::string_view payload, int, bool) {
      scheduler_.run_event([&] { board_->node().on_mqtt_message(topic, payload); });
    });
  }
  board_->boot();
  if (mqtt_) mqtt_->start();
  return true;
}

bool SimStepperProcess::ready() const { return !mqtt_ || mqtt_->connected(); }

nlohmann::json SimStepperProcess::ready_info() const {
  nlohmann::json info = {{"ready", true}, {"node_id", board_->node().node_id()}};
  if (serial_) info["serial"] = serial_->path();
  if (mqtt_) {
    info["broker"] = broker_url_;
    if (broker_) info["broker_pid"] = broker_->pid();  // the embedded mosquitto's
    info["topics"] = {{"cmd", board_->node().topic("cmd")},
                      {"resp", board_->node().topic("cmd/resp")},
                      {"status", board_->node().topic("status")},
                      {"config", board_->node().topic("config")}};
  }
  return info;
}

void SimStepperProcess::stop() {
  if (stopped_) return;
  stopped_ = true;
  if (mqtt_) {
    if (board_ && mqtt_->connected()) board_->node().shut_down();  // its will, said in person
    mqtt_->stop();
  }
  if (broker_) broker_->stop();
}

void SimStepperProcess::fail(const std::string& why) {
  options_.log.at("sim").error(why);
  failed_ = true;
  stop();
  io_.stop();
}

}  // namespace hil::bench
