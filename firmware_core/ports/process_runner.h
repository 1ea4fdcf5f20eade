// The process port: runs scripts as child processes and reports on them. The core names a run by
// an id of its own and decides what to do when; a runner (real processes, or simulated ones on
// virtual time) starts them, signals their whole trees and says how each ended. Every event comes
// later, from the host's event loop, never from inside a call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hil::core {

using RunId = std::uint64_t;

enum class StopSignal { kTerminate, kKill };  // SIGTERM, SIGKILL

// How a run's main process ended.
struct ProcessExit {
  bool signaled = false;  // ended by a signal (code is its number), or exited (code is the status)
  int code = 0;
  std::string stdout_tail;  // the last bytes it wrote (at most the runner's tail size)
  std::string stderr_tail;
  // Its descendants still alive when it ended (children it left behind, or that left its process
  // group); on_tree_gone follows once they are gone too. 0: nothing of the run remains.
  std::size_t survivors = 0;
};

class ProcessEvents {
 public:
  virtual ~ProcessEvents() = default;
  // The script runs: the interpreter was executed (exec succeeded).
  virtual void on_started(RunId run) = 0;
  // It could not start (a path outside the allowed folders, a missing file, exec failing): why,
  // one line. Nothing of it runs; no other event follows.
  virtual void on_start_failed(RunId run, const std::string& why) = 0;
  // Its main process ended (once per started run).
  virtual void on_exited(RunId run, const ProcessExit& exit) = 0;
  // The last of the survivors on_exited counted is gone.
  virtual void on_tree_gone(RunId run) = 0;
};

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  virtual void set_events(ProcessEvents& events) = 0;
  // Starts the script at `path` (as the user wrote it; the runner resolves and checks it) with
  // `args` after it, no shell in between. on_started or on_start_failed follows.
  virtual void start(RunId run, const std::string& path, const std::vector<std::string>& args) = 0;
  // Sends the signal to every process of the run: its process group and the descendants that
  // left it. Ignored for a run whose tree is gone.
  virtual void signal(RunId run, StopSignal signal) = 0;
};

}  // namespace hil::core
