// The robot head's process port on Linux: each run is its script under an interpreter, a real
// process in a session of its own, whose output is drained through Asio and whose whole tree
// (descendants that left its group or session too) is signalled and watched until it is gone.
#include "bench/head/processes/posix_process_runner.h"

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <cerrno>
#include <csignal>
#include <initializer_list>
#include <set>
#include <system_error>
#include <utility>

#include "bench/head/processes/output_tail.h"
#include "bench/head/processes/process_table.h"
#include "bench/head/processes/run_tree.h"
#include "bench/head/processes/script_path.h"
#include "bench/head/processes/spawn_script.h"

namespace hil::bench {
namespace {

using hil::core::ProcessEvents;
using hil::core::RunId;

// Signalling looks at /proc again until no process it has not signalled shows (one forking at
// that moment may put a child in a session of its own), at most this many times.
constexpr int kMaxSignalRounds = 8;
// The destructor kills and reaps one level of a tree per round (the children of the processes it
// reaped are reparented to it), at most this deep.
constexpr int kMaxKillRounds = 64;

void wait_for_exit(pid_t pid) {
  while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace

struct PosixProcessRunner::Run {
  Run(boost::asio::io_context& io, const SpawnedScript& spawned, ProcessKey leader,
      std::string marker, std::size_t tail_bytes)
      : tree(leader, std::move(marker)),
        out(io, spawned.stdout_fd, tail_bytes),
        err(io, spawned.stderr_fd, tail_bytes) {}

  RunTree tree;
  OutputTail out;
  OutputTail err;
  bool main_reaped = false;
};

PosixProcessRunner::PosixProcessRunner(boost::asio::io_context& io,
                                       PosixProcessRunnerOptions options)
    : io_(io), options_(std::move(options)), child_signals_(io, SIGCHLD) {
  // Orphans of our runs (a double fork, a grandchild whose parent exited) come to us, not to
  // init: they stay in reach, and their end is reported to us.
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
  wait_for_child_signal();
}

PosixProcessRunner::~PosixProcessRunner() { kill_everything(); }

void PosixProcessRunner::set_events(ProcessEvents& events) { events_ = &events; }

void PosixProcessRunner::start(RunId run, const std::string& path,
                               const std::vector<std::string>& args) {
  if (runs_.count(run) != 0) {
    fail_start(run, "run " + std::to_string(run) + " is still in use");
    return;
  }
  const ScriptPath script = resolve_script_path(path, options_.scripts_dirs);
  if (!script.refusal.empty()) {
    fail_start(run, script.refusal);
    return;
  }
  std::string marker = std::string(kRunMarkerVariable) + "=" + std::to_string(::getpid()) + "-" +
                       std::to_string(++spawned_);
  const SpawnedScript spawned = spawn_script({options_.interpreter, script.resolved, args, marker});
  if (spawned.pid < 0) {
    fail_start(run, "cannot run " + options_.interpreter + ": " +
                        std::system_category().message(spawned.error));
    return;
  }
  // It runs (or has ended and is not reaped yet), so /proc has it.
  const std::optional<ProcessInfo> leader = read_process(spawned.pid);
  const ProcessKey leader_key{spawned.pid, leader ? leader->start_ticks : 0};
  runs_.emplace(
      run, std::make_unique<Run>(io_, spawned, leader_key, std::move(marker), options_.tail_bytes));
  post_event([run](ProcessEvents& events) { events.on_started(run); });
}

void PosixProcessRunner::signal(RunId run, hil::core::StopSignal signal) {
  const auto found = runs_.find(run);
  if (found == runs_.end()) return;
  if (signal == hil::core::StopSignal::kKill) {
    signal_tree(*found->second, {SIGKILL});
  } else {
    signal_tree(*found->second, {SIGTERM, SIGCONT});  // as systemd: a stopped process ends too
  }
}

void PosixProcessRunner::fail_start(RunId run, const std::string& why) {
  post_event([run, why](ProcessEvents& events) { events.on_start_failed(run, why); });
}

template <typename Deliver>
void PosixProcessRunner::post_event(Deliver deliver) {
  boost::asio::post(io_, [this, alive = std::weak_ptr<char>(alive_), deliver = std::move(deliver)] {
    if (!alive.expired() && events_ != nullptr) deliver(*events_);
  });
}

void PosixProcessRunner::wait_for_child_signal() {
  child_signals_.async_wait(
      [this, alive = std::weak_ptr<char>(alive_)](const boost::system::error_code& ec, int) {
        if (alive.expired() || ec) return;
        reap_children();
        wait_for_child_signal();
      });
}

// One SIGCHLD may stand for several children: every child that has ended is reaped.
void PosixProcessRunner::reap_children() {
  std::map<RunId, int> ended;  // runs whose main process was reaped now, with its wait status
  for (;;) {
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, WNOHANG);
    if (pid < 0 && errno == EINTR) continue;
    if (pid <= 0) break;
    // A pid that is no run's main process is an orphan reparented to us: nothing to report for
    // it, and the look at /proc below finds it gone.
    for (auto& [run, state] : runs_) {
      if (!state->main_reaped && state->tree.leader() == pid) {
        state->main_reaped = true;
        ended.emplace(run, status);
      }
    }
  }
  bool watching = false;
  for (const auto& [run, state] : runs_) watching = watching || state->main_reaped;
  if (!watching) return;

  const std::vector<ProcessInfo> table = read_process_table();
  for (auto it = runs_.begin(); it != runs_.end();) {
    const RunId run = it->first;
    Run& state = *it->second;
    if (!state.main_reaped) {
      ++it;
      continue;
    }
    const std::size_t remaining = state.tree.find_in(table).size();
    const auto exit = ended.find(run);
    if (exit != ended.end()) {
      report_exit(run, state, exit->second, remaining);
    } else if (remaining == 0) {
      post_event([run](ProcessEvents& events) { events.on_tree_gone(run); });
    }
    it = remaining == 0 ? runs_.erase(it) : std::next(it);
  }
}

void PosixProcessRunner::report_exit(RunId run, Run& state, int status, std::size_t survivors) {
  state.out.read_available();
  state.err.read_available();
  hil::core::ProcessExit exit;
  exit.signaled = WIFSIGNALED(status);
  exit.code = exit.signaled ? WTERMSIG(status) : WEXITSTATUS(status);
  exit.stdout_tail = state.out.tail();
  exit.stderr_tail = state.err.tail();
  exit.survivors = survivors;
  post_event([run, exit](ProcessEvents& events) { events.on_exited(run, exit); });
}

void PosixProcessRunner::signal_tree(Run& state, std::initializer_list<int> signal_numbers) {
  const pid_t group = state.tree.leader();
  bool group_signalled = false;
  std::set<ProcessKey> signalled;
  for (int round = 0; round < kMaxSignalRounds; ++round) {
    bool found_new = false;
    for (const ProcessInfo& process : state.tree.find_in(read_process_table())) {
      // The group is signalled as one, so that a child it forks meanwhile gets the signal too.
      if (process.group == group) {
        if (group_signalled) continue;
        group_signalled = true;
        for (const int signal_number : signal_numbers) ::kill(-group, signal_number);
      } else {
        if (!signalled.insert(key_of(process)).second) continue;
        for (const int signal_number : signal_numbers) ::kill(process.pid, signal_number);
      }
      found_new = true;
    }
    if (!found_new) return;
  }
}

void PosixProcessRunner::kill_everything() {
  for (int round = 0; round < kMaxKillRounds; ++round) {
    const std::vector<ProcessInfo> table = read_process_table();
    std::vector<pid_t> dying_children;
    for (auto& [run, state] : runs_) {
      for (const ProcessInfo& process : state->tree.find_in(table)) {
        // Only a child we could kill is waited for: waiting for one that lives on would hang.
        if (::kill(process.pid, SIGKILL) == 0 && process.parent == ::getpid()) {
          dying_children.push_back(process.pid);
        }
      }
    }
    if (dying_children.empty()) return;
    for (const pid_t pid : dying_children) wait_for_exit(pid);
  }
}

}  // namespace hil::bench
