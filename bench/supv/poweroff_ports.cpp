// The host ports of `hilbench supv poweroff`.
#include "bench/supv/poweroff_ports.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "bench/io/child_process.h"

namespace hil::bench {

bool GpioValueFile::set(bool high) {
  const char* value = high ? "1" : "0";
  if (path_.empty()) {
    std::cerr << "[supv] no --gpio given: the poweroff_ok GPIO is not driven\n";
    return true;
  }
  if (dry_run_) {
    std::cerr << "[supv] dry run: would write " << value << " to " << path_ << '\n';
    return true;
  }
  std::ofstream file(path_);
  file << value << '\n';
  file.flush();
  if (!file) {
    std::cerr << "[supv] cannot write " << value << " to " << path_ << ": " << std::strerror(errno)
              << '\n';
    return false;
  }
  std::cerr << "[supv] poweroff_ok GPIO: wrote " << value << " to " << path_ << '\n';
  return true;
}

bool ShellPowerAction::power_off() {
  if (dry_run_) {
    std::cerr << "[supv] dry run: would run `" << command_
              << "` (give --poweroff-cmd CMD to run a command)\n";
    return true;
  }
  std::string output;
  const int status = run_command({"/bin/sh", "-c", command_}, output);
  if (!output.empty()) std::cerr << output << (output.back() == '\n' ? "" : "\n");
  if (status != 0) {
    std::cerr << "[supv] `" << command_ << "` failed (exit status " << status << ")\n";
    return false;
  }
  std::cerr << "[supv] ran `" << command_ << "`\n";
  return true;
}

}  // namespace hil::bench
