// What /proc says about the processes on the machine: who is whose parent, in which group and
// session, since when, and what environment each was started with.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace hil::bench {

struct ProcessInfo {
  pid_t pid = 0;
  pid_t parent = 0;
  pid_t group = 0;
  pid_t session = 0;
  // Clock ticks after boot when it started: with the pid, it names one process even after its pid
  // has been given to another.
  unsigned long long start_ticks = 0;
};

// The whole of a /proc file, empty when it cannot be opened or read: a process reaped between the
// open and the read fails the read (ESRCH), and reads as one already gone.
std::string read_proc_file(const std::filesystem::path& path);

// One process, if it is still there (alive, or not yet reaped).
std::optional<ProcessInfo> read_process(pid_t pid);

// Every process alive or not yet reaped (zombies included: a zombie still answers kill(pid, 0)).
std::vector<ProcessInfo> read_process_table();

// Whether the environment `pid` was started with holds `entry` ("NAME=value") exactly. False when
// it cannot be read (the process is gone, or belongs to another user).
bool started_with_environment_entry(pid_t pid, const std::string& entry);

}  // namespace hil::bench
