// Child programs (peers, brokers, simulated devices) with their stdout read via Asio.
#include "bench/io/child_process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

extern char** environ;

namespace hil::bench {
namespace {

// Spawns argv with stdout (and stderr if `merge_stderr`) on a new pipe; returns its read end.
pid_t spawn(const std::vector<std::string>& argv, bool merge_stderr, int& read_fd) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  if (merge_stderr) posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  // Keep our sockets out of the child, so that closing them here really closes them.
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  std::vector<char*> args;
  args.reserve(argv.size());
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  if (::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (pid < 0) {
    ::close(pipe_fds[0]);
    return -1;
  }
  read_fd = pipe_fds[0];
  return pid;
}

int exit_status(pid_t pid) {
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

ChildProcess::ChildProcess(boost::asio::io_context& io, const std::vector<std::string>& argv)
    : stdout_(io) {
  int read_fd = -1;
  pid_ = spawn(argv, false, read_fd);
  if (pid_ < 0) {
    finished_ = true;
    return;
  }
  stdout_.assign(read_fd);
  read_more();
}

ChildProcess::~ChildProcess() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

void ChildProcess::terminate() {
  if (pid_ > 0) ::kill(pid_, SIGTERM);
}

int ChildProcess::wait() {
  if (pid_ <= 0) return -1;
  const int status = exit_status(pid_);
  pid_ = -1;
  return status;
}

void ChildProcess::read_more() {
  stdout_.async_read_some(boost::asio::buffer(buffer_),
                          [this, alive = std::weak_ptr<char>(alive_)](
                              const boost::system::error_code& ec, std::size_t size) {
                            if (alive.expired()) return;
                            if (ec) {
                              finished_ = true;
                              return;
                            }
                            output_.append(buffer_.data(), size);
                            read_more();
                          });
}

int run_command(const std::vector<std::string>& argv, std::string& output) {
  int read_fd = -1;
  const pid_t pid = spawn(argv, true, read_fd);
  if (pid < 0) return -1;
  std::array<char, 4096> buffer{};
  ssize_t size = 0;
  while ((size = ::read(read_fd, buffer.data(), buffer.size())) > 0) {
    output.append(buffer.data(), static_cast<std::size_t>(size));
  }
  ::close(read_fd);
  return exit_status(pid);
}

}  // namespace hil::bench
