// `hilbench sim stepper`: a simulated stepper node as a process on real transports (the family's
// `process`).
#pragma once

#include <string>
#include <vector>

namespace hil::scenario {

// Parses the flags, runs until SIGINT/SIGTERM; the process's exit code (2 for a usage error).
int run_stepper_sim_process(const std::vector<std::string>& args);

}  // namespace hil::scenario
