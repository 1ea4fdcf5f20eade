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
  std::size_t message_count = 0;                     // how many crossed a device boundary
  std::vector<LinkMessage> messages;  // all of them (RunOptions::keep_history), else none
  std::vector<StateSample> samples;   // device state over time, for reports (likewise)
  std::map<std::string, std::vector<DeviceWaveform>> waveforms;  // device -> its sounds
  std::string clock = "virtual";                                 // "virtual", "paced" or "real"
};

// Handed a run as it goes: its devices once made (name, file, devices and clock filled in), then
// every message and state sample in order, then the result. A trace or a dump written this way
// does not hold the run in memory.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void begin(const ScenarioResult& started) = 0;
  virtual void message(const LinkMessage& message) = 0;
  virtual void sample(const StateSample& sample) = 0;
  virtual void end(const ScenarioResult& result) = 0;
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
  // Whether the result holds every message and sample; a long run gives observers instead, and
  // keeps in memory only what a pending expect can still read.
  bool keep_history = true;
  std::vector<RunObserver*> observers;
};

ScenarioResult run_scenario(const Scenario& scenario, const RunOptions& options = {});

}  // namespace hil::scenario
