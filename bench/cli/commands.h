// The subcommands of hilbench; each returns the process exit code (2 for usage errors).
#pragma once

#include <string>
#include <vector>

namespace hil::cli {

int audio_service_command(const std::vector<std::string>& args);
int broker_command(const std::vector<std::string>& args);
int sim_command(const std::vector<std::string>& args);
int ctl_command(const std::vector<std::string>& args);
int fleet_command(const std::vector<std::string>& args);
int head_command(const std::vector<std::string>& args);
int hvac_command(const std::vector<std::string>& args);
int ir_command(const std::vector<std::string>& args);
int qemu_command(const std::vector<std::string>& args);
int run_command(const std::vector<std::string>& args);
int replay_command(const std::vector<std::string>& args);
int record_command(const std::vector<std::string>& args);
int supv_command(const std::vector<std::string>& args);
int kinds_command(const std::vector<std::string>& args);
int audio_devices_command(const std::vector<std::string>& args);
// The device families as JSON (or Markdown tables); what `kinds` and `run --list-kinds` print.
int print_kinds(bool markdown);

}  // namespace hil::cli
