// A server we run as a child process (a broker, a NATS node): its output appended to a log file,
// its end watched through a pidfd, stopped by its PID.
#pragma once

#include <sys/types.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hil::bench {

// `configured` when given; else `debian_path` if it can be run; else the program of that name on
// PATH (falling back to `debian_path`, so the error names where it was expected).
std::string find_server_program(const std::string& configured, const std::string& debian_path);

class LoggedChild {
 public:
  using Clock = std::chrono::steady_clock;
  enum class LogWait { kFound, kEnded, kTimedOut, kCannotWatch };

  // `log_path` collects the child's stdout and stderr across restarts.
  explicit LoggedChild(std::string log_path);
  // Stops the child.
  ~LoggedChild();
  LoggedChild(const LoggedChild&) = delete;
  LoggedChild& operator=(const LoggedChild&) = delete;

  // Starts argv[0] (a path) with stdin from /dev/null. The child gets SIGTERM if the thread that
  // started it ends, so it never outlives its user. False with a reason when it cannot start; a
  // program that cannot be run exits with status 127.
  [[nodiscard]] bool spawn(const std::vector<std::string>& argv, std::string& error);
  // Blocks until `text` is in what the latest run has logged (kFound), the child ends (kEnded, and
  // `why` says how), or `deadline` passes; kCannotWatch and why when the wait cannot be set up.
  LogWait wait_for_log(std::string_view text, Clock::time_point deadline, std::string& why);
  // Reaps the child if it has ended: true, and `how` ("exited with status 1").
  bool reap(std::string& how);
  // SIGTERM and no wait: stop() then waits, so that several children end side by side.
  void terminate() const;
  // SIGTERM, then SIGKILL after `grace`; reaped either way.
  void stop(std::chrono::milliseconds grace);
  // Calls `on_exit` from `io` with how it ended if the child ends without stop() (killed,
  // crashed).
  void watch_exit(boost::asio::io_context& io, std::function<void(const std::string& how)> on_exit);

  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  // Everything the child has written to stdout and stderr.
  std::string log() const;
  // The last `chars` characters of the log.
  std::string log_tail(std::size_t chars = 2000) const;

 private:
  std::string log_path_;
  std::size_t log_start_ = 0;  // where the latest run's lines start (earlier runs' stay)
  pid_t pid_ = -1;
  std::unique_ptr<boost::asio::posix::stream_descriptor> exit_watch_;  // the pidfd watched
};

}  // namespace hil::bench
