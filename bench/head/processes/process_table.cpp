// What /proc says about the processes on the machine: who is whose parent, in which group and
// session, since when, and what environment each was started with.
#include "bench/head/processes/process_table.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace hil::bench {
namespace {

namespace fs = std::filesystem;

// /proc/<pid>/stat: "pid (name) state ppid pgrp session ..." with starttime the 22nd field. The
// name may hold spaces and parentheses, so the fields are counted from its last ')'.
bool parse_stat(const std::string& stat, ProcessInfo& info) {
  const std::size_t name_end = stat.rfind(')');
  if (name_end == std::string::npos) return false;
  std::istringstream fields(stat.substr(name_end + 1));
  std::string state;
  fields >> state >> info.parent >> info.group >> info.session;
  std::string skipped;
  for (int field = 7; field < 22 && fields; ++field) fields >> skipped;
  fields >> info.start_ticks;
  return static_cast<bool>(fields);
}

std::optional<ProcessInfo> read_process_dir(const fs::path& dir, pid_t pid) {
  ProcessInfo info;
  info.pid = pid;
  if (!parse_stat(read_proc_file(dir / "stat"), info)) return std::nullopt;
  return info;
}

bool parse_pid(const std::string& name, pid_t& pid) {
  const char* end = name.data() + name.size();
  const auto [last, error] = std::from_chars(name.data(), end, pid);
  return error == std::errc() && last == end;
}

}  // namespace

std::string read_proc_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  try {
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  } catch (const std::ios_base::failure&) {  // libstdc++'s filebuf throws on a failed read
    return {};
  }
}

std::optional<ProcessInfo> read_process(pid_t pid) {
  return read_process_dir(fs::path("/proc") / std::to_string(pid), pid);
}

std::vector<ProcessInfo> read_process_table() {
  std::vector<ProcessInfo> table;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator("/proc", ec)) {
    pid_t pid = 0;
    if (!parse_pid(entry.path().filename().string(), pid)) continue;
    // A process reaped since the directory was listed has no stat left: it is simply skipped.
    if (const auto info = read_process_dir(entry.path(), pid)) table.push_back(*info);
  }
  return table;
}

bool started_with_environment_entry(pid_t pid, const std::string& entry) {
  const std::string environment =
      read_proc_file(fs::path("/proc") / std::to_string(pid) / "environ");
  std::size_t begin = 0;
  while (begin < environment.size()) {
    std::size_t end = environment.find('\0', begin);
    if (end == std::string::npos) end = environment.size();
    if (environment.compare(begin, end - begin, entry) == 0) return true;
    begin = end + 1;
  }
  return false;
}

}  // namespace hil::bench
