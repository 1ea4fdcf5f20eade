// `hilbench head`: the robot head's controller on real transports.
#include "bench/head/head_service.h"

#include <unistd.h>

#include "bench/head/bluez/bluez_adapter.h"
#include "bench/head/processes/posix_process_runner.h"
#include "bench/head/unavailable_bluetooth.h"
#include "bench/io/mqtt_url.h"

namespace hil::bench {

double HeadService::SystemClock::unix_seconds() const {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

HeadService::HeadService(boost::asio::io_context& io, HeadServiceOptions options)
    : io_(io), options_(std::move(options)), scheduler_(io), log_(options_.log.at("head")) {}

HeadService::~HeadService() {
  head_.reset();  // before the runner and the adapter it listens to
}

bool HeadService::start(std::string& error) {
  if (const std::string problem = head::head_name_problem(options_.name); !problem.empty()) {
    error = "--name: " + problem;
    return false;
  }
  auto client = client_options_for(options_.broker_url, options_.username, options_.password,
                                   options_.tls_ca_file, error);
  if (!client) return false;
  if (options_.sim) {
    auto runner = std::make_unique<sim::SimProcessRunner>(scheduler_);
    auto adapter = std::make_unique<sim::SimBluetoothAdapter>(scheduler_);
    apply(*options_.sim, *runner, *adapter);
    runner_ = std::move(runner);
    if (options_.sim_bluetooth) bluetooth_ = std::move(adapter);
  } else {
    runner_ = std::make_unique<PosixProcessRunner>(
        io_, PosixProcessRunnerOptions{options_.scripts_dirs, options_.interpreter, 4096});
  }
  if (!bluetooth_ && options_.sim_bluetooth) {
    bluetooth_ = std::make_unique<sim::SimBluetoothAdapter>(scheduler_);
    bluetooth_note_ = "sim";
  } else if (!bluetooth_) {
    std::string why;
    // BlueZ's own deadline a second after ours, so that ours is the one reported.
    bluetooth_ =
        BluezAdapter::open(io_,
                           BluezOptions{options_.bluetooth_adapter,
                                        options_.connect_timeout + std::chrono::seconds(1)},
                           why);
    bluetooth_note_ = bluetooth_ ? "bluez" : "unavailable: " + why;
    if (!bluetooth_) {
      options_.log.warning("cannot reach BlueZ: " + why + "; every Bluetooth connect will fail");
      bluetooth_ = std::make_unique<UnavailableBluetooth>(io_, "cannot reach BlueZ: " + why);
    }
  } else {
    bluetooth_note_ = "sim";
  }
  client->tls_cert_file = options_.tls_cert_file;
  client->tls_key_file = options_.tls_key_file;
  client->client_id = "hilbench-head-" + options_.name;  // one service per head, as the original
  client->keepalive_s = 30;
  client->log = options_.log.at("mqtt");
  mqtt_ = std::make_unique<MqttClient>(io_, *client);
  head::HeadOptions head_options;
  head_options.name = options_.name;
  head_options.stop_grace = options_.stop_grace;
  head_options.connect_timeout = options_.connect_timeout;
  head_ = std::make_unique<head::HeadController>(
      head::HeadPorts{scheduler_, *mqtt_, *runner_, *bluetooth_, clock_, log_},
      head_options);  // sets the will
  mqtt_->set_on_connected([this] {
    head_->on_connected();
    ready_ = true;
  });
  mqtt_->set_on_message([this](std::string_view topic, std::string_view payload, int, bool) {
    scheduler_.run_event([&] { head_->on_message(topic, payload); });
  });
  mqtt_->start();
  return true;
}

nlohmann::json HeadService::ready_info() const {
  const head::HeadTopics& topics = head_->topics();
  return {{"ready", true},
          {"name", options_.name},
          {"broker", options_.broker_url},
          {"topics",
           {{"control", topics.control_filter()},
            {"status", topics.status_filter()},
            {"availability", topics.availability()}}},
          {"processes", options_.sim ? "sim" : "real"},
          {"scripts_dirs", options_.scripts_dirs},
          {"interpreter", options_.interpreter},
          {"stop_grace_s", static_cast<double>(options_.stop_grace.count()) / 1000.0},
          {"bluetooth", bluetooth_note_},
          {"pid", static_cast<long>(getpid())}};
}

void HeadService::shut_down() {
  if (!head_) return;
  head_->shut_down([this] { mqtt_->stop(); });  // once "offline" is acknowledged
}

}  // namespace hil::bench
