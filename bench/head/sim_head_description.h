// What a simulated head has: scripts (by the path a start names) and Bluetooth devices (by
// address), from a YAML file (`hilbench head --sim FILE`, a scenario's `sim_file`) or from a
// scenario's `set:` steps, which use the same keys:
//
//   scripts:
//     eyes.py: {runs_ms: 3000}                       # then exits 0
//     crash.py: {runs_ms: 200, exit_code: 1, stderr: "ValueError: bad eye"}
//     blink.py: {forever: true, ignores_term: true}  # only SIGKILL ends it
//     daemon.py: {runs_ms: 100, forks: 2}            # leaves two processes running
//   bluetooth:
//     "00:11:22:33:44:55": {connect_ms: 300}
//     "66:77:88:99:AA:BB": {fails_with: org.bluez.Error.Failed, message:
//     br-connection-page-timeout} "CC:CC:CC:CC:CC:CC": {never_answers: true}
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sim/head/sim_bluetooth_adapter.h"
#include "sim/head/sim_process_runner.h"

namespace hil::bench {

struct SimHeadDescription {
  std::map<std::string, sim::SimScript> scripts;
  std::map<std::string, sim::SimBluetoothDevice> devices;  // by upper-case address
};

// One script's behaviour from {runs_ms, forever, exit_code, stdout, stderr, ignores_term, term_ms,
// forks, start_ms}; nullopt and why (naming the key) for an unknown key or a wrong type.
std::optional<sim::SimScript> sim_script_from_json(const nlohmann::json& doc, std::string& error);
// One device from {connect_ms, fails_with, message, never_answers}.
std::optional<sim::SimBluetoothDevice> sim_device_from_json(const nlohmann::json& doc,
                                                            std::string& error);
// A whole description {scripts: {path: ...}, bluetooth: {address: ...}}.
std::optional<SimHeadDescription> sim_head_from_json(const nlohmann::json& doc, std::string& error);
// The description in a YAML file; nullopt and "FILE: why" (with the line for a syntax error).
std::optional<SimHeadDescription> load_sim_head_file(const std::string& path, std::string& error);

void apply(const SimHeadDescription& description, sim::SimProcessRunner& runner,
           sim::SimBluetoothAdapter& adapter);

}  // namespace hil::bench
