// The robot head's controller (shared/specs/head-controller-mqtt.md): starts and stops scripts by
// id, reports their status and connects Bluetooth devices, all over MQTT under heads/{name}/.
//
// Pure logic on ports: the process runner starts and signals the scripts, the Bluetooth adapter
// connects devices, the scheduler times the stop's grace and the connect's bound, the calendar
// clock stamps the statuses. The host tells it of the broker session and of every message:
//
//   HeadController head({scheduler, mqtt, runner, bluetooth, clock, log}, options);  // sets the
//   will client.set_on_connected([&] { head.on_connected(); }); client.set_on_message([&](auto
//   topic, auto payload, int, bool) { head.on_message(topic, payload); });
//
// What it promises, beyond the spec (which it keeps to the letter):
// - `running` is published once the script really runs (exec succeeded); a start that cannot start
//   gets `failed` with an `error` and never `running`.
// - Each run ends with exactly one of finished, failed, stopped or killed, never followed by
//   another. A start for an id that is starting or running is refused on that id's topic with its
//   status still `running` and an `error`; the running script is untouched.
// - stop: SIGTERM to the run's whole tree, then after the grace SIGKILL: `stopped` when the tree
//   ended within the grace, `killed` when it took SIGKILL. A script's exit leaves nothing behind
//   either: what it left running is ended the same way (its status is already final).
// - Status queries are answered at once (nothing here waits); finished runs are remembered (the
//   newest `history` of them) so a query after the end gets the final status, not not_found.
// - Refusals that belong to no valid id (not JSON, a bad id, an unknown control topic) are answered
//   on status/errors; nothing is ever spawned for them.
// - availability: "online" retained on every connect, "offline" retained as the will and on
//   shutdown.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "firmware_core/head/control_message.h"
#include "firmware_core/head/head_topics.h"
#include "firmware_core/ports/bluetooth.h"
#include "firmware_core/ports/line_sink.h"
#include "firmware_core/ports/mqtt_link.h"
#include "firmware_core/ports/process_runner.h"
#include "firmware_core/ports/scheduler.h"
#include "firmware_core/ports/wall_clock.h"

namespace hil::head {

struct HeadPorts {
  core::Scheduler& scheduler;
  core::MqttLink& mqtt;
  core::ProcessRunner& runner;
  core::BluetoothAdapter& bluetooth;
  core::WallClock& clock;
  core::LineSink& log;  // one line per notable event, no terminator
};

struct HeadOptions {
  std::string name;  // heads/{name}/...; head_name_problem() must be ""
  core::Micros stop_grace = std::chrono::seconds(5);
  core::Micros connect_timeout = std::chrono::seconds(30);
  // How long a shutdown waits for Bluetooth devices to report their disconnection.
  core::Micros disconnect_wait = std::chrono::seconds(1);
  std::size_t history = 64;  // finished runs remembered for status queries
};

// A run as status/scripts shows it.
struct RunView {
  std::string id;
  std::string status;  // running, finished, failed, stopped or killed
  double runtime_s = 0;
  std::string path;
};

class HeadController : core::ProcessEvents, core::BluetoothEvents {
 public:
  // Sets the will (availability "offline", retained) and takes the runner's and the adapter's
  // events. The ports must outlive the controller.
  HeadController(HeadPorts ports, HeadOptions options);
  ~HeadController() override;
  HeadController(const HeadController&) = delete;
  HeadController& operator=(const HeadController&) = delete;

  // The broker session is up: subscribe to the control topics, say "online".
  void on_connected();
  void on_message(std::string_view topic, std::string_view payload);

  // Stops every script (with the stop's guarantees), disconnects every Bluetooth device, publishes
  // the final statuses and "offline", then calls `done` (once all runs have ended and the devices
  // said they disconnected, or disconnect_wait passed). New starts are refused meanwhile.
  void shut_down(std::function<void()> done);

  const HeadTopics& topics() const { return topics_; }
  // Every run it knows: live ones and the remembered finished ones, by id.
  std::vector<RunView> runs() const;
  std::size_t live_runs() const;
  const std::set<std::string>& connected_devices() const { return connected_; }

 private:
  struct Run;

  // core::ProcessEvents
  void on_started(core::RunId run) override;
  void on_start_failed(core::RunId run, const std::string& why) override;
  void on_exited(core::RunId run, const core::ProcessExit& exit) override;
  void on_tree_gone(core::RunId run) override;
  // core::BluetoothEvents
  void on_connected(const std::string& address) override;
  void on_connect_failed(const std::string& address, const std::string& error_name,
                         const std::string& message) override;
  void on_disconnected(const std::string& address) override;

  void start(const StartScript& command);
  void stop(const StopScript& command);
  void status(const ScriptStatus& command);
  void connect(const ConnectBluetooth& command);
  void refuse(std::string_view control_suffix, const Refusal& refusal);
  void fail_unstarted(const std::string& id, const std::string& path, const std::string& error);
  // Any start for an id that is starting or running, however it is refused otherwise.
  void refuse_start_of_running(const std::string& id);

  Run* live(core::RunId run);
  void begin_stop(Run& run);
  void grace_over(core::RunId run);
  // The run's last word: publishes its final status and files it with the finished runs.
  void finish(Run& run, const std::string& status, const std::string& error = "");
  void forget_oldest_finished();
  void publish_script(const std::string& id, const std::string& status,
                      const std::string& error = "");
  void publish_bluetooth(const std::string& status, const std::string& address,
                         const std::string& error = "");
  void publish(const std::string& topic, const nlohmann::json& payload);
  nlohmann::json view(const Run& run) const;
  double runtime_s(const Run& run) const;
  void check_shutdown_done();
  double timestamp() const;  // the calendar clock for a status's "timestamp"
  void log(const std::string& line);

  HeadPorts ports_;
  HeadOptions options_;
  HeadTopics topics_;
  core::RunId next_run_ = 1;
  std::map<core::RunId, Run> runs_;           // live: starting, running or stopping, or ending
  std::map<std::string, core::RunId> by_id_;  // id -> its live run
  std::map<std::string, Run> finished_;       // id -> its last finished run
  std::vector<std::string> finished_order_;   // oldest first
  std::set<std::string> connected_;
  std::map<std::string, core::TimerId> connecting_;  // address -> its timeout
  bool shutting_down_ = false;
  std::function<void()> shutdown_done_;
  core::TimerId shutdown_timer_ = 0;
};

}  // namespace hil::head
