// Starting one run's script: fork and exec of its interpreter, no shell, in a session of its own.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace hil::bench {

struct ScriptCommand {
  std::string interpreter;  // a name looked up on PATH, or a path
  std::string script;       // resolved already; passed as the interpreter's first argument
  std::vector<std::string> args;
  std::string environment_entry;  // "NAME=value", added to (or replacing NAME in) our environment
};

struct SpawnedScript {
  pid_t pid = -1;      // also the id of its process group and of its session; -1: nothing runs
  int stdout_fd = -1;  // read ends of its stdout and stderr pipes (close-on-exec), for the caller
  int stderr_fd = -1;  // to own and close
  int error = 0;       // when pid is -1: the errno of what failed (a pipe, fork, exec)
};

// Forks and executes `interpreter script args...`, and returns once the exec has succeeded or
// failed (a close-on-exec status pipe tells which), so a returned pid really runs the
// interpreter. The child leads a new session (and process group), reads /dev/null, writes to
// two pipes, inherits no other file descriptor, and starts with default signal dispositions and
// no blocked signal. A child that failed is reaped before this returns.
SpawnedScript spawn_script(const ScriptCommand& command);

}  // namespace hil::bench
