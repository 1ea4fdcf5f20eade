// The host ports of `hilbench supv poweroff`: the poweroff_ok GPIO as a value file and the
// shutdown as a shell command. Both can be a dry run that only says what it would do: the
// default, so that trying the command never halts the machine it runs on.
#pragma once

#include <string>

#include "bench/log/logger.h"
#include "firmware_core/supervisor/host_ports.h"

namespace hil::bench {

// Writes "1" or "0" to a file: a sysfs GPIO value file (/sys/class/gpio/gpioN/value) or anything
// that takes those. With no path the line is not driven (said once in the log).
class GpioValueFile : public supervisor::OutputPin {
 public:
  GpioValueFile(std::string path, bool dry_run, Logger log)
      : path_(std::move(path)), dry_run_(dry_run), log_(std::move(log)) {}
  bool set(bool high) override;

 private:
  std::string path_;
  bool dry_run_;
  Logger log_;
};

// Runs `/bin/sh -c COMMAND` to completion; it fails if the command exits non-zero.
class ShellPowerAction : public supervisor::PowerAction {
 public:
  ShellPowerAction(std::string command, bool dry_run, Logger log)
      : command_(std::move(command)), dry_run_(dry_run), log_(std::move(log)) {}
  bool power_off() override;

 private:
  std::string command_;
  bool dry_run_;
  Logger log_;
};

}  // namespace hil::bench
