// What the process runner's tests share: a runner on a scripts folder, the events it delivered,
// python scripts written per test, and waits that drive the io_context.
#pragma once

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <boost/asio/io_context.hpp>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "bench/head/processes/posix_process_runner.h"
#include "firmware_core/ports/process_runner.h"
#include "tests/bench_io/io_wait.h"
#include "tests/bench_io/temp_dir.h"

namespace hil::bench::testing {

using hil::core::ProcessExit;
using hil::core::RunId;
using hil::core::StopSignal;

// Every event the runner delivered, and how many came from inside a call into it (none may).
class RecordedEvents : public hil::core::ProcessEvents {
 public:
  explicit RecordedEvents(const bool& inside_call) : inside_call_(inside_call) {}

  void on_started(RunId run) override {
    note_call();
    started.insert(run);
  }
  void on_start_failed(RunId run, const std::string& why) override {
    note_call();
    start_failures[run] = why;
  }
  void on_exited(RunId run, const ProcessExit& exit) override {
    note_call();
    exits[run] = exit;
  }
  void on_tree_gone(RunId run) override {
    note_call();
    trees_gone.insert(run);
  }

  std::set<RunId> started;
  std::map<RunId, std::string> start_failures;
  std::map<RunId, ProcessExit> exits;
  std::set<RunId> trees_gone;
  int delivered_inside_a_call = 0;

 private:
  void note_call() {
    if (inside_call_) ++delivered_inside_a_call;
  }

  const bool& inside_call_;
};

// What the file holds now; empty while it does not exist.
inline std::string file_text(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

class RunnerTest : public ::testing::Test {
 protected:
  RunnerTest() { make_runner("python3"); }
  ~RunnerTest() override {
    runner_.reset();  // kills and reaps whatever the test left running
    EXPECT_EQ(::waitpid(-1, nullptr, WNOHANG), -1) << "a child process outlived the runner";
    EXPECT_EQ(events_.delivered_inside_a_call, 0);
  }

  void make_runner(const std::string& interpreter) {
    runner_.reset();
    PosixProcessRunnerOptions options;
    options.scripts_dirs = {scripts_.path()};
    options.interpreter = interpreter;
    runner_ = std::make_unique<PosixProcessRunner>(io_, options);
    runner_->set_events(events_);
  }

  // Writes a python script into the scripts folder; returns its name there.
  std::string script(const std::string& name, const std::string& body) {
    std::ofstream(scripts_.file(name)) << body;
    return name;
  }

  void start(RunId run, const std::string& path, const std::vector<std::string>& args = {}) {
    inside_call_ = true;
    runner_->start(run, path, args);
    inside_call_ = false;
  }

  void signal(RunId run, StopSignal stop) {
    inside_call_ = true;
    runner_->signal(run, stop);
    inside_call_ = false;
  }

  // Runs the io_context until `done()` holds. Each turn ends after one handler or 10 ms, so that
  // conditions on files (a script saying it is ready) are looked at again too.
  template <typename Condition>
  bool wait_until(Condition done) {
    const auto deadline = std::chrono::steady_clock::now() + kEventDeadline;
    while (!done()) {
      if (std::chrono::steady_clock::now() >= deadline) return false;
      if (io_.stopped()) io_.restart();
      io_.run_one_for(std::chrono::milliseconds(10));
    }
    return true;
  }

  bool wait_for_exit(RunId run) {
    return wait_until([&] { return events_.exits.count(run) != 0; });
  }
  bool wait_for_tree_gone(RunId run) {
    return wait_until([&] { return events_.trees_gone.count(run) != 0; });
  }
  bool wait_for_start_failure(RunId run) {
    return wait_until([&] { return events_.start_failures.count(run) != 0; });
  }
  // A script writes the pids it wants checked to a file, then a line "end".
  bool wait_for_pids_file(const std::string& path) {
    return wait_until([&] { return file_text(path).find("end") != std::string::npos; });
  }

  TempDir scripts_;
  TempDir elsewhere_;  // a folder that is not allowed
  boost::asio::io_context io_;
  bool inside_call_ = false;
  RecordedEvents events_{inside_call_};
  std::unique_ptr<PosixProcessRunner> runner_;
};

// The pids listed in a file the script wrote, up to its "end".
inline std::vector<pid_t> read_pids(const std::string& path) {
  std::ifstream file(path);
  std::vector<pid_t> pids;
  pid_t pid = 0;
  while (file >> pid) pids.push_back(pid);
  return pids;
}

// Neither running nor a zombie: kill() finds no such process.
inline bool gone(pid_t pid) { return ::kill(pid, 0) == -1 && errno == ESRCH; }

}  // namespace hil::bench::testing
