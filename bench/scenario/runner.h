// Runs a scenario's steps through a Session: variables, captures, and failures that point at the
// step's file:line:column.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bench/scenario/scenario.h"
#include "bench/scenario/session.h"

namespace hil::scenario {

struct StepFailure {
  Location where;
  std::string message;               // what went wrong
  std::string expected;              // what the step waited for, when it waited
  std::vector<std::string> nearest;  // the messages on that stream it saw instead (newest last)
};

struct ScenarioResult {
  std::string name;
  std::string file;
  bool passed = false;
  std::size_t steps_run = 0;
  std::int64_t virtual_us = 0;
  double wall_ms = 0;
  std::optional<StepFailure> failure;
  nlohmann::json devices = nlohmann::json::array();  // what each device was (for trace headers)
  std::vector<LinkMessage> messages;                 // everything that crossed a device boundary
  std::vector<StateSample> samples;                  // device state over time, for reports
  std::map<std::string, std::vector<DeviceWaveform>> waveforms;  // device -> its sounds
  std::string clock = "virtual";                                 // "virtual", "paced" or "real"
};

struct RunOptions {
  std::uint64_t seed = 1;
  std::int64_t sample_every_ms = 100;  // device state samples for reports; 0 for none
  // At most about this many samples for a scenario's whole limit_ms: past it (a limit over 10
  // minutes at 100 ms) samples are taken every limit_ms / max_samples instead. 0: no cap.
  std::int64_t max_samples = 6000;
  std::int64_t wall_limit_ms = 120000;
  // Where the devices live and how time passes; empty: simulated devices on virtual time.
  std::function<std::unique_ptr<Session>(const SessionOptions&)> make_session;
};

ScenarioResult run_scenario(const Scenario& scenario, const RunOptions& options = {});

}  // namespace hil::scenario
