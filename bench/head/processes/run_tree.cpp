// Which processes belong to a run: its session, what carries its environment marker, and the
// descendants of either, remembered from one look at /proc to the next.
#include "bench/head/processes/run_tree.h"

#include <map>
#include <tuple>
#include <utility>

namespace hil::bench {

bool operator<(const ProcessKey& a, const ProcessKey& b) {
  return std::tie(a.pid, a.start_ticks) < std::tie(b.pid, b.start_ticks);
}

ProcessKey key_of(const ProcessInfo& process) { return {process.pid, process.start_ticks}; }

RunTree::RunTree(ProcessKey leader, std::string marker)
    : leader_(leader), marker_(std::move(marker)) {}

bool RunTree::is_root(const ProcessInfo& process) const {
  return process.session == leader_.pid || known_.count(key_of(process)) != 0 ||
         started_with_environment_entry(process.pid, marker_);  // last: it reads a file
}

std::vector<ProcessInfo> RunTree::find_in(const std::vector<ProcessInfo>& table) {
  std::multimap<pid_t, const ProcessInfo*> children;
  std::vector<const ProcessInfo*> pending;
  for (const ProcessInfo& process : table) {
    if (process.start_ticks < leader_.start_ticks) continue;
    children.emplace(process.parent, &process);
    if (is_root(process)) pending.push_back(&process);
  }
  std::set<ProcessKey> found;
  std::vector<ProcessInfo> members;
  while (!pending.empty()) {
    const ProcessInfo* process = pending.back();
    pending.pop_back();
    if (!found.insert(key_of(*process)).second) continue;
    members.push_back(*process);
    const auto [first, last] = children.equal_range(process->pid);
    for (auto child = first; child != last; ++child) pending.push_back(child->second);
  }
  known_ = std::move(found);
  return members;
}

}  // namespace hil::bench
