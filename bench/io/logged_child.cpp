// A server we run as a child process (a broker, a NATS node): its output appended to a log file,
// its end watched through a pidfd, stopped by its PID.
#include "bench/io/logged_child.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <utility>

namespace hil::bench {
namespace {

using Clock = LoggedChild::Clock;

// A descriptor closed when it goes out of scope; -1 when it could not be had.
class OwnedFd {
 public:
  explicit OwnedFd(int fd) : fd_(fd) {}
  ~OwnedFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  OwnedFd(const OwnedFd&) = delete;
  OwnedFd& operator=(const OwnedFd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// Blocks until one of `fds` is readable or `deadline` passes; false on the deadline.
bool wait_readable(std::initializer_list<int> fds, Clock::time_point deadline) {
  std::vector<pollfd> polled;
  for (const int fd : fds) polled.push_back({fd, POLLIN, 0});
  while (true) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    const int rc = ::poll(polled.data(), polled.size(), static_cast<int>(left));
    if (rc > 0) return true;
    if (rc == 0) return false;
    if (errno != EINTR) return false;
  }
}

// Reads what the inotify descriptor holds, so that the next change wakes poll() again.
void drain(int inotify_fd) {
  alignas(inotify_event) char buffer[4096];
  while (::read(inotify_fd, buffer, sizeof buffer) > 0) {
  }
}

// A descriptor that turns readable when the process ends (glibc 2.36 declares pidfd_open without
// C linkage, so the system call is made directly).
int open_pidfd(pid_t pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }

std::size_t file_size(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 ? static_cast<std::size_t>(info.st_size) : 0;
}

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

std::string describe_exit(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
  return "ended";
}

}  // namespace

std::string find_server_program(const std::string& configured, const std::string& debian_path) {
  if (!configured.empty()) return configured;
  if (::access(debian_path.c_str(), X_OK) == 0) return debian_path;
  const std::string name = debian_path.substr(debian_path.rfind('/') + 1);
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return debian_path;
}

LoggedChild::LoggedChild(std::string log_path) : log_path_(std::move(log_path)) {}

LoggedChild::~LoggedChild() { stop(std::chrono::seconds(3)); }

std::string LoggedChild::log() const {
  std::ifstream in(log_path_, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string LoggedChild::log_tail(std::size_t chars) const {
  std::string text = log();
  return text.size() > chars ? text.substr(text.size() - chars) : text;
}

bool LoggedChild::spawn(const std::vector<std::string>& argv, std::string& error) {
  if (running() || argv.empty()) return running();
  const int log_fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    error = errno_text(("cannot open " + log_path_).c_str());
    return false;
  }
  log_start_ = file_size(log_path_);
  // Built before the fork: the child may only make async-signal-safe calls.
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    error = errno_text("fork");
    ::close(log_fd);
    return false;
  }
  if (pid == 0) {
    // The child must not outlive us, must not write to our stdout, and must not hold copies of
    // our sockets.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(127);
    const int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    ::close_range(3, ~0U, 0);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(log_fd);
  pid_ = pid;
  return true;
}

LoggedChild::LogWait LoggedChild::wait_for_log(std::string_view text, Clock::time_point deadline,
                                               std::string& why) {
  // Woken by events: the log growing (inotify) and the child ending (its pidfd).
  const OwnedFd changes(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK));
  const OwnedFd ended(open_pidfd(pid_));
  if (changes.get() < 0 || ended.get() < 0 ||
      ::inotify_add_watch(changes.get(), log_path_.c_str(), IN_MODIFY) < 0) {
    why = errno_text("cannot watch the log");
    return LogWait::kCannotWatch;
  }
  while (true) {
    if (reap(why)) return LogWait::kEnded;
    if (log().find(text, log_start_) != std::string::npos) return LogWait::kFound;
    if (!wait_readable({changes.get(), ended.get()}, deadline)) return LogWait::kTimedOut;
    drain(changes.get());
  }
}

bool LoggedChild::reap(std::string& how) {
  int status = 0;
  if (pid_ <= 0 || ::waitpid(pid_, &status, WNOHANG) != pid_) return false;
  pid_ = -1;
  exit_watch_.reset();
  how = describe_exit(status);
  return true;
}

void LoggedChild::watch_exit(boost::asio::io_context& io,
                             std::function<void(const std::string& how)> on_exit) {
  if (pid_ <= 0) return;
  const int pidfd = open_pidfd(pid_);
  if (pidfd < 0) return;
  exit_watch_ = std::make_unique<boost::asio::posix::stream_descriptor>(io, pidfd);
  exit_watch_->async_wait(
      boost::asio::posix::stream_descriptor::wait_read,
      [this, on_exit = std::move(on_exit)](const boost::system::error_code& ec) {
        if (ec) return;  // stop() closed the watch: an end that was asked for
        std::string how;
        if (reap(how)) on_exit(how);
      });
}

void LoggedChild::terminate() const {
  if (pid_ > 0) ::kill(pid_, SIGTERM);
}

void LoggedChild::stop(std::chrono::milliseconds grace) {
  exit_watch_.reset();  // before the SIGTERM: this end is not news
  if (pid_ <= 0) return;
  int status = 0;
  const OwnedFd ended(open_pidfd(pid_));  // readable once the child has ended
  ::kill(pid_, SIGTERM);
  if (ended.get() < 0 || !wait_readable({ended.get()}, Clock::now() + grace)) {
    ::kill(pid_, SIGKILL);
  }
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

}  // namespace hil::bench
