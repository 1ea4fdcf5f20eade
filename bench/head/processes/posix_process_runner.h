// The robot head's process port on Linux: each run is its script under an interpreter, a real
// process in a session of its own, whose output is drained through Asio and whose whole tree
// (descendants that left its group or session too) is signalled and watched until it is gone.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <cstddef>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "firmware_core/ports/process_runner.h"

namespace hil::bench {

struct PosixProcessRunnerOptions {
  // The only folders scripts may run from; a relative script path is relative to the first.
  std::vector<std::string> scripts_dirs;
  std::string interpreter = "python3";  // a name looked up on PATH, or a path
  std::size_t tail_bytes = 4096;        // how much of the end of stdout and of stderr an exit keeps
};

// Every event is posted to the io_context, never delivered from inside start() or signal().
//
// The runner owns the reaping of child processes in its process: it makes the process a child
// subreaper (for good: orphans of its runs are reparented to it rather than to init, so that
// they can be watched and killed), and on every SIGCHLD it reaps every child that has ended,
// with waitpid(-1). Hence one runner per process, and no other code there waiting for its own
// children: bench/io's ChildProcess::wait() would find its child reaped already and return -1
// (it does not hang), and its destructor would signal a pid that may be another process's by
// then. The two are not used in one process.
//
// on_exited comes as soon as the main process is reaped, with what it wrote: everything it wrote
// before exiting is in its pipes, read then without waiting. Waiting for the pipes' end instead
// could wait forever, as a surviving descendant may hold them open. Survivors may keep writing;
// their output is drained and dropped. A process that has ended counts as a survivor until it is
// reaped, so that when on_tree_gone comes no process of the run answers kill(pid, 0). The last
// process of a tree always ends as a child of this process (orphans are reparented here), so its
// SIGCHLD is what reports the tree gone; no polling.
class PosixProcessRunner : public hil::core::ProcessRunner {
 public:
  // The environment variable each run's processes inherit, holding a token unique to the run: it
  // attributes to the run descendants that left its session.
  static constexpr const char* kRunMarkerVariable = "HILBENCH_HEAD_RUN";

  PosixProcessRunner(boost::asio::io_context& io, PosixProcessRunnerOptions options);
  // Kills every process of every run (SIGKILL) and reaps those that are its children, so that no
  // process of a run outlives the runner. Events not yet delivered are dropped.
  ~PosixProcessRunner() override;
  PosixProcessRunner(const PosixProcessRunner&) = delete;
  PosixProcessRunner& operator=(const PosixProcessRunner&) = delete;

  void set_events(hil::core::ProcessEvents& events) override;
  // Refuses (on_start_failed) a run id still in use (started, its tree not gone yet), a script
  // path the allowed folders do not hold, and an interpreter that cannot be executed (with
  // errno's text). Returns once the interpreter is executing, or has failed to.
  void start(hil::core::RunId run, const std::string& path,
             const std::vector<std::string>& args) override;
  // kTerminate sends SIGTERM then SIGCONT (a stopped process sees the SIGTERM), kKill SIGKILL, to
  // the run's process group and to each of its processes outside it.
  void signal(hil::core::RunId run, hil::core::StopSignal signal) override;

 private:
  struct Run;

  void fail_start(hil::core::RunId run, const std::string& why);
  void wait_for_child_signal();
  void reap_children();
  void report_exit(hil::core::RunId run, Run& state, int status, std::size_t survivors);
  // Sends the signals, in order, to every process of the run.
  void signal_tree(Run& state, std::initializer_list<int> signal_numbers);
  void kill_everything();
  template <typename Deliver>
  void post_event(Deliver deliver);

  boost::asio::io_context& io_;
  PosixProcessRunnerOptions options_;
  hil::core::ProcessEvents* events_ = nullptr;
  boost::asio::signal_set child_signals_;
  std::map<hil::core::RunId, std::unique_ptr<Run>> runs_;  // started, tree not gone yet
  unsigned long long spawned_ = 0;                         // makes each run's marker unique
  // Posted handlers hold a weak copy so that one run after destruction does nothing.
  std::shared_ptr<char> alive_ = std::make_shared<char>();
};

}  // namespace hil::bench
