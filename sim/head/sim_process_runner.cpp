// Simulated script processes.
#include "sim/head/sim_process_runner.h"

#include <algorithm>

namespace hil::sim {
namespace {

constexpr int kSigterm = 15;
constexpr int kSigkill = 9;

}  // namespace

SimProcessRunner::~SimProcessRunner() {
  for (auto& [id, process] : runs_) scheduler_.cancel(process.timer);
}

void SimProcessRunner::post(std::function<void()> fn) {
  // Later, never from inside a call; and not at all once the runner is gone.
  scheduler_.call_at(scheduler_.now(), [alive = std::weak_ptr<int>(alive_), fn = std::move(fn)] {
    if (alive.lock()) fn();
  });
}

void SimProcessRunner::start(core::RunId run, const std::string& path,
                             const std::vector<std::string>& args) {
  const auto script = scripts_.find(path);
  if (script == scripts_.end()) {
    post([this, run, path] {
      if (events_ != nullptr) events_->on_start_failed(run, "no script at " + path);
    });
    return;
  }
  Process& process = runs_[run];
  process.script = script->second;
  process.args = args;
  process.timer = scheduler_.call_at(scheduler_.now() + process.script.start_takes, [this, run] {
    Process& started = runs_.at(run);
    started.main_alive = true;
    started.forks_alive = started.script.forks;  // forked early, alive as long as it is
    started.timer = 0;
    if (events_ != nullptr) events_->on_started(run);
    if (started.script.runs_forever) return;
    started.timer = scheduler_.call_at(scheduler_.now() + started.script.runs_for, [this, run] {
      Process& done = runs_.at(run);
      done.timer = 0;
      exit_main(run, false, done.script.exit_code);
    });
  });
}

void SimProcessRunner::signal(core::RunId run, core::StopSignal signal) {
  const auto it = runs_.find(run);
  if (it == runs_.end()) return;
  Process& process = it->second;
  if (signal == core::StopSignal::kKill) {
    scheduler_.cancel(process.timer);
    process.timer = 0;
    const int forks = process.forks_alive;
    post([this, run, forks] {
      end_forks(run, forks);
      if (runs_.at(run).main_alive) exit_main(run, true, kSigkill);
    });
    return;
  }
  if (process.script.ignores_term) return;
  const int forks = process.forks_alive;
  const bool main_alive = process.main_alive;
  scheduler_.cancel(process.timer);
  process.timer = scheduler_.call_at(scheduler_.now() + process.script.term_takes,
                                     [this, run, forks, main_alive] {
                                       runs_.at(run).timer = 0;
                                       end_forks(run, forks);
                                       if (main_alive) exit_main(run, true, kSigterm);
                                     });
}

void SimProcessRunner::exit_main(core::RunId run, bool signaled, int code) {
  Process& process = runs_.at(run);
  if (!process.main_alive) return;
  process.main_alive = false;
  core::ProcessExit exit;
  exit.signaled = signaled;
  exit.code = code;
  exit.stdout_tail = process.script.stdout_text;
  exit.stderr_tail = process.script.stderr_text;
  exit.survivors = static_cast<std::size_t>(process.forks_alive);
  process.exit_reported = true;
  if (events_ != nullptr) events_->on_exited(run, exit);
}

void SimProcessRunner::end_forks(core::RunId run, int how_many) {
  Process& process = runs_.at(run);
  const int before = process.forks_alive;
  process.forks_alive = std::max(0, before - how_many);
  if (before > 0 && process.forks_alive == 0 && process.exit_reported && events_ != nullptr)
    events_->on_tree_gone(run);
}

void SimProcessRunner::power_off() {
  for (auto& [id, process] : runs_) scheduler_.cancel(process.timer);
  runs_.clear();
  alive_ = std::make_shared<int>(0);  // what was posted is for a runner that is no more
}

std::size_t SimProcessRunner::processes_alive() const {
  std::size_t alive = 0;
  for (const auto& [id, process] : runs_)
    alive += (process.main_alive ? 1 : 0) + static_cast<std::size_t>(process.forks_alive);
  return alive;
}

}  // namespace hil::sim
