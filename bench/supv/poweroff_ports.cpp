// The host ports of `hilbench supv poweroff`.
#include "bench/supv/poweroff_ports.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include "bench/io/child_process.h"

namespace hil::bench {

bool GpioValueFile::set(bool high) {
  const char* value = high ? "1" : "0";
  if (path_.empty()) {
    log_.info("no --gpio given: the poweroff_ok GPIO is not driven");
    return true;
  }
  if (dry_run_) {
    log_.info(std::string("dry run: would write ") + value + " to " + path_);
    return true;
  }
  std::ofstream file(path_);
  file << value << '\n';
  file.flush();
  if (!file) {
    log_.error(std::string("cannot write ") + value + " to " + path_ + ": " + std::strerror(errno));
    return false;
  }
  log_.info(std::string("poweroff_ok GPIO: wrote ") + value + " to " + path_);
  return true;
}

bool ShellPowerAction::power_off() {
  if (dry_run_) {
    log_.info("dry run: would run `" + command_ + "` (give --poweroff-cmd CMD to run a command)");
    return true;
  }
  std::string output;
  const int status = run_command({"/bin/sh", "-c", command_}, output);
  if (!output.empty()) log_.info("`" + command_ + "` said:\n" + output);
  if (status != 0) {
    log_.error("`" + command_ + "` failed (exit status " + std::to_string(status) + ")");
    return false;
  }
  log_.info("ran `" + command_ + "`");
  return true;
}

}  // namespace hil::bench
