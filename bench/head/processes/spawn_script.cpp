// Starting one run's script: fork and exec of its interpreter, no shell, in a session of its own.
#include "bench/head/processes/spawn_script.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>

extern char** environ;

namespace hil::bench {
namespace {

// What execvp searches when PATH is unset (glibc's confstr(_CS_PATH)).
constexpr const char* kDefaultSearchPath = "/bin:/usr/bin";

struct Pipe {
  int read_end = -1;
  int write_end = -1;
};

// Everything the child needs, built before fork: between fork and exec the child may only make
// async-signal-safe calls, so it must not allocate.
struct ChildPlan {
  std::vector<std::string> candidates;  // where the interpreter may be, in PATH order
  std::vector<char*> argv;
  std::vector<std::string> environment;
  std::vector<char*> envp;
  Pipe out;
  Pipe err;
  Pipe status;
};

std::vector<std::string> interpreter_candidates(const std::string& interpreter) {
  if (interpreter.find('/') != std::string::npos) return {interpreter};
  const char* search_path = std::getenv("PATH");
  const std::string dirs = search_path ? search_path : kDefaultSearchPath;
  std::vector<std::string> candidates;
  std::size_t begin = 0;
  while (begin <= dirs.size()) {
    std::size_t end = dirs.find(':', begin);
    if (end == std::string::npos) end = dirs.size();
    const std::string dir = dirs.substr(begin, end - begin);
    candidates.push_back((dir.empty() ? "." : dir) + "/" + interpreter);  // empty: the current dir
    begin = end + 1;
  }
  return candidates;
}

std::vector<std::string> environment_with(const std::string& entry) {
  const std::string name = entry.substr(0, entry.find('=') + 1);
  std::vector<std::string> environment;
  for (char** variable = environ; *variable != nullptr; ++variable) {
    if (std::string(*variable).rfind(name, 0) != 0) environment.emplace_back(*variable);
  }
  environment.push_back(entry);
  return environment;
}

std::vector<char*> pointers_to(const std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (const std::string& text : strings) pointers.push_back(const_cast<char*>(text.c_str()));
  pointers.push_back(nullptr);
  return pointers;
}

bool open_pipe(Pipe& pipe) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  pipe = {fds[0], fds[1]};
  return true;
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

void close_pipe(Pipe& pipe) {
  close_fd(pipe.read_end);
  close_fd(pipe.write_end);
}

[[noreturn]] void report_and_exit(int status_fd, int error) {
  while (::write(status_fd, &error, sizeof error) < 0 && errno == EINTR) {
  }
  ::_exit(127);
}

// In the child, between fork and exec: async-signal-safe calls only.
[[noreturn]] void become_script(const ChildPlan& plan) {
  const int status_fd = plan.status.write_end;
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (::setsid() < 0 || null_fd < 0 || ::dup2(null_fd, STDIN_FILENO) < 0 ||
      ::dup2(plan.out.write_end, STDOUT_FILENO) < 0 ||
      ::dup2(plan.err.write_end, STDERR_FILENO) < 0 ||
      // Every descriptor from 3 on closes at exec, the status pipe too: until then it can report.
      ::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
    report_and_exit(status_fd, errno);
  }
  // Handlers are reset by exec anyway, but ignored signals would stay ignored (a SIGTERM the
  // parent ignores must still end the script).
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  for (int number = 1; number < NSIG; ++number) ::sigaction(number, &default_action, nullptr);
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  // As execvp: the first candidate that exists runs; EACCES is worth more than ENOENT.
  int error = ENOENT;
  for (const std::string& candidate : plan.candidates) {
    ::execve(candidate.c_str(), plan.argv.data(), plan.envp.data());
    if (errno != ENOENT) error = errno;
  }
  report_and_exit(status_fd, error);
}

SpawnedScript failed(int error) { return {-1, -1, -1, error}; }

}  // namespace

SpawnedScript spawn_script(const ScriptCommand& command) {
  ChildPlan plan;
  plan.candidates = interpreter_candidates(command.interpreter);
  std::vector<std::string> arguments{command.interpreter, command.script};
  arguments.insert(arguments.end(), command.args.begin(), command.args.end());
  plan.argv = pointers_to(arguments);
  plan.environment = environment_with(command.environment_entry);
  plan.envp = pointers_to(plan.environment);

  if (!open_pipe(plan.out) || !open_pipe(plan.err) || !open_pipe(plan.status)) {
    const int error = errno;
    close_pipe(plan.out);
    close_pipe(plan.err);
    close_pipe(plan.status);
    return failed(error);
  }
  // All signals blocked across fork, so that none runs one of our handlers in the child before it
  // has reset them.
  sigset_t all;
  sigset_t previous;
  ::sigfillset(&all);
  ::pthread_sigmask(SIG_SETMASK, &all, &previous);
  const pid_t pid = ::fork();
  if (pid == 0) become_script(plan);
  const int fork_error = errno;
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  close_fd(plan.out.write_end);
  close_fd(plan.err.write_end);
  close_fd(plan.status.write_end);

  int child_error = 0;
  ssize_t size = -1;
  if (pid > 0) {
    do {
      size = ::read(plan.status.read_end, &child_error, sizeof child_error);
    } while (size < 0 && errno == EINTR);
  }
  close_fd(plan.status.read_end);
  if (size != 0) {  // nothing read means the status pipe closed at exec
    if (pid > 0) {
      while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
      }
    }
    close_pipe(plan.out);
    close_pipe(plan.err);
    if (pid < 0) return failed(fork_error);
    return failed(size == sizeof child_error ? child_error : EPROTO);
  }
  return {pid, plan.out.read_end, plan.err.read_end, 0};
}

}  // namespace hil::bench
