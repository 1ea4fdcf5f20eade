// A private mosquitto broker on 127.0.0.1, run as a child process for tests and local rigs.
#include "bench/io/embedded_broker.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <utility>

namespace hil::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::seconds kStartDeadline{10};
constexpr std::chrono::seconds kStopGrace{3};
constexpr std::chrono::milliseconds kPollInterval{10};
constexpr std::size_t kLogTailChars = 2000;

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

bool accepts_connections(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  const sockaddr_in address = loopback(port);
  const bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

std::string find_executable(const std::string& configured) {
  if (!configured.empty()) return configured;
  const std::string debian = "/usr/sbin/mosquitto";
  if (::access(debian.c_str(), X_OK) == 0) return debian;
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::string candidate = (dir.empty() ? "." : dir) + "/mosquitto";
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
  return wait_until_accepting(error);
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

bool EmbeddedBroker::wait_until_accepting(std::string& error) {
  const auto deadline = Clock::now() + kStartDeadline;
  int status = 0;
  while (true) {
    if (reaped(pid_, status)) {
      pid_ = -1;
      std::string text = log();
      if (text.size() > kLogTailChars) text = text.substr(text.size() - kLogTailChars);
      error = "mosquitto " + describe_exit(status) + " before accepting connections:\n" + text;
      return false;
    }
    if (accepts_connections(port_)) return true;
    if (Clock::now() >= deadline) {
      error = "mosquitto did not accept connections on port " + std::to_string(port_) + " within " +
              std::to_string(kStartDeadline.count()) + " s";
      stop();
      return false;
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

void EmbeddedBroker::stop() {
  if (pid_ <= 0) return;
  int status = 0;
  ::kill(pid_, SIGTERM);
  const auto deadline = Clock::now() + kStopGrace;
  while (!reaped(pid_, status)) {
    if (Clock::now() >= deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(kPollInterval);
  }
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
