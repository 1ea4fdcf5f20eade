// `hilbench sim esp32-audio`: simulated ESP32 audio front ends as a process on real WebSockets (the
// family's `process`).
#pragma once

#include <string>
#include <vector>

namespace hil::scenario {

// Parses the flags, runs until SIGINT/SIGTERM; the process's exit code (2 for a usage error).
int run_esp32_audio_sim_process(const std::vector<std::string>& args);

}  // namespace hil::scenario
