// Which processes belong to a run: its session, what carries its environment marker, and the
// descendants of either, remembered from one look at /proc to the next.
#pragma once

#include <sys/types.h>

#include <set>
#include <string>
#include <vector>

#include "bench/head/processes/process_table.h"

namespace hil::bench {

// One process for as long as it lives: a pid is given again once its process is reaped.
struct ProcessKey {
  pid_t pid = 0;
  unsigned long long start_ticks = 0;
};

bool operator<(const ProcessKey& a, const ProcessKey& b);

ProcessKey key_of(const ProcessInfo& process);

class RunTree {
 public:
  // `leader` is the run's main process, leader of its own session and process group; `marker` the
  // "NAME=value" entry its environment was given.
  RunTree(ProcessKey leader, std::string marker);

  // The run's processes in `table`: those in the leader's session (its group lies inside it);
  // those started with the marker in their environment (a setsid() leaves the session, not the
  // environment); those found at an earlier call (whose links to the run may be gone since:
  // an environment cleared, a parent exited); and the descendants of all these. Only processes
  // started no earlier than the leader count, so that no older process with a recycled pid does.
  std::vector<ProcessInfo> find_in(const std::vector<ProcessInfo>& table);

  pid_t leader() const { return leader_.pid; }

 private:
  bool is_root(const ProcessInfo& process) const;

  ProcessKey leader_;
  std::string marker_;
  std::set<ProcessKey> known_;
};

}  // namespace hil::bench
