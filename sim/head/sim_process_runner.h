// Simulated script processes on any scheduler (virtual time in tests and scenarios, the wall
// clock in `hilbench head --sim`): each known path behaves as its description says (how long it
// runs, how it exits, what it writes, whether it ignores SIGTERM, what it leaves running). An
// unknown path cannot start, as a path outside the allowed folders cannot.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "firmware_core/ports/process_runner.h"
#include "firmware_core/ports/scheduler.h"

namespace hil::sim {

struct SimScript {
  core::Micros runs_for = std::chrono::seconds(1);  // then it exits by itself
  bool runs_forever = false;                        // until signalled
  int exit_code = 0;
  std::string stdout_text;
  std::string stderr_text;
  bool ignores_term = false;   // it and what it forked: only SIGKILL ends them
  core::Micros term_takes{0};  // from SIGTERM to its exit, when it heeds it
  int forks = 0;               // processes it leaves running (a grandchild, a setsid'ed daemon)
  core::Micros start_takes = std::chrono::milliseconds(2);  // from start to exec
};

class SimProcessRunner : public core::ProcessRunner {
 public:
  explicit SimProcessRunner(core::Scheduler& scheduler) : scheduler_(scheduler) {}
  ~SimProcessRunner() override;
  SimProcessRunner(const SimProcessRunner&) = delete;
  SimProcessRunner& operator=(const SimProcessRunner&) = delete;

  // Adds or replaces the script at `path` (what a start names).
  void describe(const std::string& path, SimScript script) { scripts_[path] = std::move(script); }
  bool knows(const std::string& path) const { return scripts_.count(path) != 0; }

  void set_events(core::ProcessEvents& events) override { events_ = &events; }
  void start(core::RunId run, const std::string& path,
             const std::vector<std::string>& args) override;
  void signal(core::RunId run, core::StopSignal signal) override;

  // The machine goes down: every process is gone at once, unreported.
  void power_off();
  // Processes alive now, every run's together (a stop must leave none).
  std::size_t processes_alive() const;
  // The arguments the last start of `run` passed.
  const std::vector<std::string>& args_of(core::RunId run) const { return runs_.at(run).args; }

 private:
  struct Process {
    SimScript script;
    std::vector<std::string> args;
    bool main_alive = false;
    int forks_alive = 0;
    bool exit_reported = false;
    core::TimerId timer = 0;  // its exit by itself or after SIGTERM
  };

  void post(std::function<void()> fn);
  void exit_main(core::RunId run, bool signaled, int code);
  void end_forks(core::RunId run, int how_many);

  core::Scheduler& scheduler_;
  core::ProcessEvents* events_ = nullptr;
  std::map<std::string, SimScript> scripts_;
  std::map<core::RunId, Process> runs_;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);  // what posted events check
};

}  // namespace hil::sim
