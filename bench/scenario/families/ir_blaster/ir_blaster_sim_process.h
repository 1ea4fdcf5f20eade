// `hilbench sim ir_blaster`: a simulated Zigbee IR blaster and its room as a process on real
// transports (the family's `process`).
#pragma once

#include <string>
#include <vector>

namespace hil::scenario {

// Parses the flags, runs until SIGINT/SIGTERM; the process's exit code (2 for a usage error).
int run_ir_blaster_sim_process(const std::vector<std::string>& args);

}  // namespace hil::scenario
