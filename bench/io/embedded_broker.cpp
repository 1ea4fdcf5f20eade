// A private mosquitto broker on 127.0.0.1, run as a child process for tests and local rigs.
#include "bench/io/embedded_broker.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pwd.h>
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <utility>
#include <vector>

namespace hil::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::seconds kStartDeadline{10};
constexpr std::chrono::seconds kStopGrace{3};
constexpr std::size_t kLogTailChars = 2000;
// What mosquitto logs once its listeners are open ("mosquitto version 2.0.11 running").
constexpr std::string_view kRunningLine = " running\n";

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

off_t file_size(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 ? info.st_size : 0;
}

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

std::string find_executable(const std::string& configured) {
  if (!configured.empty()) return configured;
  std::string debian = "/usr/sbin/mosquitto";
  if (::access(debian.c_str(), X_OK) == 0) return debian;
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    std::string candidate = (dir.empty() ? "." : dir) + "/mosquitto";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return debian;
}

std::string current_user() {
  const passwd* entry = ::getpwuid(::geteuid());
  return entry ? entry->pw_name : "";
}

// Reaps the child if it has exited; returns true if it has.
bool reaped(pid_t pid, int& status) { return ::waitpid(pid, &status, WNOHANG) == pid; }

std::string describe_exit(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
  return "ended";
}

}  // namespace

std::uint16_t find_free_loopback_port(std::string& error) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    error = errno_text("socket");
    return 0;
  }
  sockaddr_in address = loopback(0);
  socklen_t size = sizeof address;
  std::uint16_t port = 0;
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    error = errno_text("cannot find a free port");
  } else {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

EmbeddedBroker::EmbeddedBroker(EmbeddedBrokerOptions options)
    : options_(std::move(options)), port_(options_.port) {
  std::error_code ec;
  std::string pattern =
      (std::filesystem::temp_directory_path(ec) / "hilbench-broker-XXXXXX").string();
  if (::mkdtemp(pattern.data())) dir_ = pattern;
}

EmbeddedBroker::~EmbeddedBroker() {
  stop();
  if (dir_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string EmbeddedBroker::url() const { return "mqtt://127.0.0.1:" + std::to_string(port_); }

std::string EmbeddedBroker::log() const {
  std::ifstream in(log_path(), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool EmbeddedBroker::start(std::string& error) {
  if (running()) return true;
  if (dir_.empty()) {
    error = "cannot create a temp directory for the broker";
    return false;
  }
  if (port_ == 0) {
    port_ = find_free_loopback_port(error);
    if (port_ == 0) return false;
  }
  if (!write_config(error)) return false;

  const std::string executable = find_executable(options_.executable);
  const std::string config = config_path();
  const int log_fd = ::open(log_path().c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    error = errno_text("cannot open the broker log");
    return false;
  }
  const off_t log_start = file_size(log_path());  // an earlier run's lines stay in the log
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    error = errno_text("fork");
    ::close(log_fd);
    return false;
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec. The broker must not outlive us, must not
    // write to our stdout, and must not hold copies of our sockets.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(127);
    const int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    ::close_range(3, ~0U, 0);
    ::execl(executable.c_str(), executable.c_str(), "-c", config.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(log_fd);
  pid_ = pid;
  return wait_until_accepting(static_cast<std::size_t>(log_start), error);
}

bool EmbeddedBroker::write_config(std::string& error) const {
  std::ofstream out(config_path(), std::ios::trunc);
  out << "# A private broker written by hilbench.\n"
      << "listener " << port_ << " 127.0.0.1\n"
      << "allow_anonymous " << (options_.allow_anonymous ? "true" : "false") << '\n'
      << "set_tcp_nodelay true\n"
      << "persistence false\n"
      << "log_dest stderr\n";
  // Run as whoever started us, so the broker can read the files the caller put in dir().
  const std::string user = current_user();
  if (!user.empty()) out << "user " << user << '\n';
  for (const std::string& line : options_.extra_config) out << line << '\n';
  out.close();
  if (!out) {
    error = "cannot write " + config_path();
    return false;
  }
  return true;
}

bool EmbeddedBroker::wait_until_accepting(std::size_t log_start, std::string& error) {
  const auto deadline = Clock::now() + kStartDeadline;
  // Woken by events: the log growing (inotify) and the broker ending (its pidfd).
  const OwnedFd changes(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK));
  const OwnedFd ended(open_pidfd(pid_));
  if (changes.get() < 0 || ended.get() < 0 ||
      ::inotify_add_watch(changes.get(), log_path().c_str(), IN_MODIFY) < 0) {
    error = errno_text("cannot watch the broker start");
    stop();
    return false;
  }
  int status = 0;
  while (true) {
    if (reaped(pid_, status)) {
      pid_ = -1;
      error =
          "mosquitto " + describe_exit(status) + " before accepting connections:\n" + log_tail();
      return false;
    }
    const std::string text = log();
    if (text.find(kRunningLine, log_start) != std::string::npos) return true;
    if (!wait_readable({changes.get(), ended.get()}, deadline)) {
      error = "mosquitto did not open its listener on port " + std::to_string(port_) + " within " +
              std::to_string(kStartDeadline.count()) + " s";
      stop();
      return false;
    }
    drain(changes.get());
  }
}

std::string EmbeddedBroker::log_tail() const {
  std::string text = log();
  return text.size() > kLogTailChars ? text.substr(text.size() - kLogTailChars) : text;
}

void EmbeddedBroker::watch_exit(boost::asio::io_context& io,
                                std::function<void(const std::string&)> on_exit) {
  if (pid_ <= 0) return;
  const int pidfd = open_pidfd(pid_);
  if (pidfd < 0) return;
  exit_watch_ = std::make_unique<boost::asio::posix::stream_descriptor>(io, pidfd);
  exit_watch_->async_wait(
      boost::asio::posix::stream_descriptor::wait_read,
      [this, on_exit = std::move(on_exit)](const boost::system::error_code& ec) {
        if (ec) return;  // stop() closed the watch: an end that was asked for
        int status = 0;
        const pid_t pid = pid_;
        if (!reaped(pid_, status)) return;
        pid_ = -1;
        exit_watch_.reset();
        on_exit("mosquitto (pid " + std::to_string(pid) + ") " + describe_exit(status) +
                "; the end of its log:\n" + log_tail());
      });
}

void EmbeddedBroker::stop() {
  exit_watch_.reset();  // before the SIGTERM: this end is not news
  if (pid_ <= 0) return;
  int status = 0;
  const OwnedFd ended(open_pidfd(pid_));  // readable once the broker has ended
  ::kill(pid_, SIGTERM);
  if (ended.get() < 0 || !wait_readable({ended.get()}, Clock::now() + kStopGrace)) {
    ::kill(pid_, SIGKILL);
  }
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string broker_url_or_embedded(const std::string& url, std::unique_ptr<EmbeddedBroker>& broker,
                                   std::string& error) {
  if (!url.empty()) return url;
  broker = std::make_unique<EmbeddedBroker>();
  if (!broker->start(error)) return "";
  return broker->url();
}

}  // namespace hil::bench
