// The robot head's controller.
#include "firmware_core/head/head_controller.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "firmware_core/common/text.h"

namespace hil::head {
namespace {

constexpr std::size_t kErrorExcerpt = 1000;  // of a failed script's stderr, in its status

// What a failed run's status says: the end of its stderr, else how it ended.
std::string failure_text(const core::ProcessExit& exit) {
  std::string tail = exit.stderr_tail;
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r' || tail.back() == ' '))
    tail.pop_back();
  if (tail.size() > kErrorExcerpt) tail = tail.substr(tail.size() - kErrorExcerpt);
  if (!tail.empty()) return core::printable(tail);
  return exit.signaled ? "ended by signal " + std::to_string(exit.code)
                       : "exit code " + std::to_string(exit.code);
}

}  // namespace

struct HeadController::Run {
  core::RunId run = 0;
  std::string id;
  std::string path;
  core::Micros started_at{0};  // the command, then exec
  core::Micros ended_at{0};
  std::string status = "starting";  // then running, then its final status
  bool started = false;             // exec succeeded
  bool stop_requested = false;
  bool kill_sent = false;
  bool exited = false;  // its main process is gone
  bool tree_gone = false;
  bool final = false;
  core::ProcessExit exit;
  core::TimerId grace_timer = 0;
};

HeadController::HeadController(HeadPorts ports, HeadOptions options)
    : ports_(ports), options_(std::move(options)), topics_(options_.name) {
  ports_.mqtt.set_will({topics_.availability(), "offline", 1, true});
  ports_.runner.set_events(*this);
  ports_.bluetooth.set_events(*this);
}

HeadController::~HeadController() {
  for (auto& [id, run] : runs_) core::cancel_timer(ports_.scheduler, run.grace_timer);
  for (auto& [address, timer] : connecting_) ports_.scheduler.cancel(timer);
  core::cancel_timer(ports_.scheduler, shutdown_timer_);
}

void HeadController::on_connected() {
  ports_.mqtt.subscribe(topics_.control_filter(), 1);
  ports_.mqtt.publish(topics_.availability(), shutting_down_ ? "offline" : "online", 1, true);
}

void HeadController::on_message(std::string_view topic, std::string_view payload) {
  const std::string_view suffix = topics_.control_suffix(topic);
  const auto kind = command_kind(suffix);
  if (!kind) {
    refuse(suffix, Refusal{"unknown control topic " + core::printable_excerpt(topic, 120), {}});
    return;
  }
  auto parsed = parse_command(*kind, payload);
  if (auto* refusal = std::get_if<Refusal>(&parsed)) {
    refuse(suffix, *refusal);
    return;
  }
  std::visit(
      [this](const auto& command) {
        using T = std::decay_t<decltype(command)>;
        if constexpr (std::is_same_v<T, StartScript>) start(command);
        if constexpr (std::is_same_v<T, StopScript>) stop(command);
        if constexpr (std::is_same_v<T, ScriptStatus>) status(command);
        if constexpr (std::is_same_v<T, ConnectBluetooth>) connect(command);
      },
      std::get<Command>(parsed));
}

void HeadController::refuse(std::string_view control_suffix, const Refusal& refusal) {
  log("refused " + core::printable_excerpt(control_suffix, 60) + ": " + refusal.error);
  if (control_suffix == "script/start" && refusal.id) {
    if (by_id_.count(*refusal.id) != 0) {  // its script runs on: the topic must not say failed
      refuse_start_of_running(*refusal.id);
      return;
    }
    fail_unstarted(*refusal.id, "", refusal.error);
    return;
  }
  if (control_suffix == "bluetooth/connect") {
    publish_bluetooth("failed", "", refusal.error);
    return;
  }
  nlohmann::json reply = {{"command", core::printable_excerpt(control_suffix, 60)},
                          {"error", refusal.error}};
  if (refusal.id) reply["id"] = *refusal.id;
  publish(topics_.errors(), reply);
}

void HeadController::start(const StartScript& command) {
  if (by_id_.count(command.id) != 0) {
    refuse_start_of_running(command.id);
    return;
  }
  if (shutting_down_) {
    fail_unstarted(command.id, command.path, "the service is shutting down");
    return;
  }
  const core::RunId id = next_run_++;
  Run& run = runs_[id];
  run.run = id;
  run.id = command.id;
  run.path = command.path;
  run.started_at = ports_.scheduler.now();
  by_id_[command.id] = id;
  log("starting '" + command.id + "': " + core::printable(command.path));
  ports_.runner.start(id, command.path, command.args);
}

void HeadController::fail_unstarted(const std::string& id, const std::string& path,
                                    const std::string& error) {
  // A run that never starts: failed, and remembered as any finished run is.
  Run& run = runs_[next_run_];
  run.run = next_run_++;
  run.id = id;
  run.path = path;
  run.started_at = ports_.scheduler.now();
  run.tree_gone = true;
  finish(run, "failed", error);
}

void HeadController::refuse_start_of_running(const std::string& id) {
  // The script keeps running and its topic keeps saying so; the refusal carries the error.
  log("start of '" + id + "' refused: it is running");
  publish_script(id, "running",
                 "already running: a start for a running id is refused; stop it first");
}

void HeadController::stop(const StopScript& command) {
  const auto live_run = by_id_.find(command.id);
  if (live_run == by_id_.end()) {
    const auto done = finished_.find(command.id);
    refuse("script/stop",
           Refusal{done == finished_.end()
                       ? "no script '" + command.id + "' is running"
                       : "'" + command.id + "' is not running: it " + done->second.status,
                   command.id});
    return;
  }
  Run& run = runs_.at(live_run->second);
  if (run.stop_requested) return;  // a second stop changes nothing
  run.stop_requested = true;
  log("stopping '" + run.id + "'");
  if (run.started) begin_stop(run);  // else once exec is confirmed
}

void HeadController::status(const ScriptStatus& command) {
  if (!command.id) {
    nlohmann::json all = nlohmann::json::object();
    for (const RunView& run : runs()) {
      all[run.id] = {{"status", run.status},
                     {"runtime", std::round(run.runtime_s * 1000) / 1000},
                     {"path", run.path}};
    }
    publish(topics_.all_scripts(), all);
    return;
  }
  nlohmann::json reply;
  if (const auto live_run = by_id_.find(*command.id); live_run != by_id_.end()) {
    reply = view(runs_.at(live_run->second));
  } else if (const auto done = finished_.find(*command.id); done != finished_.end()) {
    reply = view(done->second);
  } else {
    reply = {{"id", *command.id}, {"status", "not_found"}};
  }
  reply["timestamp"] = timestamp();
  publish(topics_.script_status(*command.id), reply);
}

void HeadController::connect(const ConnectBluetooth& command) {
  const std::string& address = command.address;
  if (shutting_down_) {
    publish_bluetooth("failed", address, "the service is shutting down");
    return;
  }
  if (connecting_.count(address) != 0) {
    publish_bluetooth("failed", address, "a connect to this device is already in progress");
    return;
  }
  log("connecting " + address);
  connecting_[address] =
      ports_.scheduler.call_at(ports_.scheduler.now() + options_.connect_timeout, [this, address] {
        connecting_.erase(address);
        publish_bluetooth("failed", address,
                          "no answer from the adapter in " +
                              std::to_string(core::to_ms(options_.connect_timeout)) + " ms");
        ports_.bluetooth.disconnect(address);  // gives the pending connect up
      });
  ports_.bluetooth.connect(address);
}

HeadController::Run* HeadController::live(core::RunId run) {
  const auto it = runs_.find(run);
  return it == runs_.end() ? nullptr : &it->second;
}

void HeadController::on_started(core::RunId id) {
  Run* run = live(id);
  if (run == nullptr) return;
  run->started = true;
  run->started_at = ports_.scheduler.now();
  run->status = "running";
  log("'" + run->id + "' is running");
  publish_script(run->id, "running");
  if (run->stop_requested) begin_stop(*run);
}

void HeadController::on_start_failed(core::RunId id, const std::string& why) {
  Run* run = live(id);
  if (run == nullptr) return;
  log("'" + run->id + "' could not start: " + why);
  run->tree_gone = true;
  finish(*run, "failed", why);
}

void HeadController::on_exited(core::RunId id, const core::ProcessExit& exit) {
  Run* run = live(id);
  if (run == nullptr) return;
  run->exited = true;
  run->exit = exit;
  run->ended_at = ports_.scheduler.now();
  run->tree_gone = exit.survivors == 0;
  if (run->stop_requested) {
    if (run->tree_gone) finish(*run, run->kill_sent ? "killed" : "stopped");
    return;  // else once the rest of its tree is gone
  }
  const bool left_processes = !run->tree_gone;  // finish() forgets a run that is all gone
  if (!exit.signaled && exit.code == 0)
    finish(*run, "finished");
  else
    finish(*run, "failed", failure_text(exit));
  if (left_processes) {  // they go as a stop's would
    Run& leftover = runs_.at(id);
    log("'" + leftover.id + "' left " + std::to_string(exit.survivors) +
        " process(es) running: ending them");
    begin_stop(leftover);
  }
}

void HeadController::on_tree_gone(core::RunId id) {
  Run* run = live(id);
  if (run == nullptr) return;
  run->tree_gone = true;
  if (!run->final) {
    finish(*run, run->kill_sent ? "killed" : "stopped");
    return;
  }
  core::cancel_timer(ports_.scheduler, run->grace_timer);
  runs_.erase(id);
  check_shutdown_done();
}

void HeadController::begin_stop(Run& run) {
  ports_.runner.signal(run.run, core::StopSignal::kTerminate);
  const core::RunId id = run.run;
  run.grace_timer = ports_.scheduler.call_at(ports_.scheduler.now() + options_.stop_grace,
                                             [this, id] { grace_over(id); });
}

void HeadController::grace_over(core::RunId id) {
  Run* run = live(id);
  if (run == nullptr) return;
  run->grace_timer = 0;
  log("'" + run->id + "' outlived its " + std::to_string(core::to_ms(options_.stop_grace)) +
      " ms of grace: SIGKILL");
  run->kill_sent = true;
  ports_.runner.signal(id, core::StopSignal::kKill);
}

void HeadController::finish(Run& run, const std::string& status, const std::string& error) {
  run.final = true;
  run.status = status;
  if (!run.exited) run.ended_at = ports_.scheduler.now();
  log("'" + run.id + "' " + status + (error.empty() ? "" : ": " + error));
  nlohmann::json payload = {{"id", run.id}, {"status", status}, {"timestamp", timestamp()}};
  if (!error.empty()) payload["error"] = error;
  if (run.exited) payload[run.exit.signaled ? "signal" : "exit_code"] = run.exit.code;
  publish(topics_.script_status(run.id), payload);
  if (const auto current = by_id_.find(run.id);
      current != by_id_.end() && current->second == run.run)
    by_id_.erase(current);
  finished_.erase(run.id);
  finished_order_.erase(std::remove(finished_order_.begin(), finished_order_.end(), run.id),
                        finished_order_.end());
  finished_.emplace(run.id, run);
  finished_order_.push_back(run.id);
  forget_oldest_finished();
  if (run.tree_gone) {
    core::cancel_timer(ports_.scheduler, run.grace_timer);
    const core::RunId id = run.run;
    runs_.erase(id);  // `run` is gone from here on
  }
  check_shutdown_done();
}

void HeadController::forget_oldest_finished() {
  while (finished_order_.size() > options_.history) {
    finished_.erase(finished_order_.front());
    finished_order_.erase(finished_order_.begin());
  }
}

void HeadController::on_connected(const std::string& address) {
  const auto pending = connecting_.find(address);
  if (pending == connecting_.end()) {
    log(address + " connected after its connect was given up: disconnecting it");
    ports_.bluetooth.disconnect(address);
    return;
  }
  ports_.scheduler.cancel(pending->second);
  connecting_.erase(pending);
  connected_.insert(address);
  publish_bluetooth("connected", address);
}

void HeadController::on_connect_failed(const std::string& address, const std::string& error_name,
                                       const std::string& message) {
  const auto pending = connecting_.find(address);
  if (pending == connecting_.end()) return;  // given up already: its failure was published
  ports_.scheduler.cancel(pending->second);
  connecting_.erase(pending);
  publish_bluetooth("failed", address, message.empty() ? error_name : error_name + ": " + message);
}

void HeadController::on_disconnected(const std::string& address) {
  if (connected_.erase(address) == 0) return;
  publish_bluetooth("disconnected", address);
  check_shutdown_done();
}

void HeadController::shut_down(std::function<void()> done) {
  if (shutting_down_) return;
  shutting_down_ = true;
  shutdown_done_ = std::move(done);
  log("shutting down: stopping " + std::to_string(by_id_.size()) + " script(s), disconnecting " +
      std::to_string(connected_.size()) + " device(s)");
  std::vector<core::RunId> live_runs;
  for (const auto& [id, run] : runs_) live_runs.push_back(id);
  for (const core::RunId id : live_runs) {
    Run& run = runs_.at(id);
    if (run.final || run.stop_requested) continue;  // leftovers are being ended already
    run.stop_requested = true;
    if (run.started) begin_stop(run);
  }
  for (auto& [address, timer] : connecting_) {
    ports_.scheduler.cancel(timer);
    publish_bluetooth("failed", address, "the service is shutting down");
    ports_.bluetooth.disconnect(address);
  }
  connecting_.clear();
  for (const std::string& address : connected_) ports_.bluetooth.disconnect(address);
  shutdown_timer_ =
      ports_.scheduler.call_at(ports_.scheduler.now() + options_.disconnect_wait, [this] {
        shutdown_timer_ = 0;
        connected_.clear();  // waited long enough
        check_shutdown_done();
      });
  check_shutdown_done();
}

void HeadController::check_shutdown_done() {
  if (!shutting_down_ || !shutdown_done_ || !runs_.empty() || !connected_.empty()) return;
  core::cancel_timer(ports_.scheduler, shutdown_timer_);
  ports_.mqtt.publish(topics_.availability(), "offline", 1, true);
  log("shut down");
  auto done = std::move(shutdown_done_);
  shutdown_done_ = nullptr;
  done();
}

std::vector<RunView> HeadController::runs() const {
  std::vector<RunView> out;
  for (const auto& [id, run] : finished_) {
    if (by_id_.count(id) == 0) out.push_back({id, run.status, runtime_s(run), run.path});
  }
  for (const auto& [id, run_id] : by_id_) {
    const Run& run = runs_.at(run_id);
    out.push_back({id, run.status, runtime_s(run), run.path});
  }
  return out;
}

std::size_t HeadController::live_runs() const { return by_id_.size(); }

double HeadController::runtime_s(const Run& run) const {
  const core::Micros end = run.final ? run.ended_at : ports_.scheduler.now();
  return static_cast<double>((end - run.started_at).count()) / 1e6;
}

nlohmann::json HeadController::view(const Run& run) const {
  return {{"id", run.id},
          {"status", run.status},
          {"runtime", std::round(runtime_s(run) * 1000) / 1000},
          {"path", run.path}};
}

void HeadController::publish_script(const std::string& id, const std::string& status,
                                    const std::string& error) {
  nlohmann::json payload = {{"id", id}, {"status", status}, {"timestamp", timestamp()}};
  if (!error.empty()) payload["error"] = error;
  publish(topics_.script_status(id), payload);
}

void HeadController::publish_bluetooth(const std::string& status, const std::string& address,
                                       const std::string& error) {
  nlohmann::json payload = {{"status", status}, {"address", address}, {"timestamp", timestamp()}};
  if (!error.empty()) payload["error"] = error;
  publish(topics_.bluetooth(), payload);
}

void HeadController::publish(const std::string& topic, const nlohmann::json& payload) {
  ports_.mqtt.publish(topic, payload.dump(), 1, false);
}

double HeadController::timestamp() const {
  return std::round(ports_.clock.unix_seconds() * 1000) / 1000;  // to the ms, as a float
}

void HeadController::log(const std::string& line) { ports_.log.write_line(line); }

}  // namespace hil::head
