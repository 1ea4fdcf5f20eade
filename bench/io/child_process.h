// Child programs (peers, brokers, simulated devices) with their stdout read via Asio.
#pragma once

#include <sys/types.h>

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <memory>
#include <string>
#include <vector>

namespace hil::bench {

class ChildProcess {
 public:
  // Starts argv[0] (looked up on PATH) with stdin from /dev/null, stdout collected, and stderr
  // shared with the test.
  ChildProcess(boost::asio::io_context& io, const std::vector<std::string>& argv);
  // Kills the program if it is still running.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool started() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  // Asks the program to end (SIGTERM); wait() then reaps it.
  void terminate();
  const std::string& output() const { return output_; }
  // True once the program has closed its stdout (normally: it has exited).
  bool finished() const { return finished_; }
  // After finished(): reaps the program and returns its exit status (-1 if it did not exit).
  int wait();

 private:
  void read_more();

  boost::asio::posix::stream_descriptor stdout_;
  pid_t pid_ = -1;
  std::array<char, 4096> buffer_{};
  std::string output_;
  bool finished_ = false;
  // The read handler holds a weak copy so that a completion queued after destruction does nothing.
  std::shared_ptr<char> alive_ = std::make_shared<char>();
};

// Runs a program to completion; returns its exit status, with stdout and stderr in `output`.
int run_command(const std::vector<std::string>& argv, std::string& output);

}  // namespace hil::bench
