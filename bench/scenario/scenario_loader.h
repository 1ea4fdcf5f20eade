// Reads scenario files (YAML) into Scenarios, with errors that say file:line:column.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "bench/scenario/family.h"
#include "bench/scenario/scenario.h"

namespace hil::scenario {

struct LoadError {
  Location where;
  std::string message;
  std::string to_string() const { return where.to_string() + ": " + message; }
};

// Loads one scenario file; `include:` steps are inlined (paths relative to the including file).
// Devices are of the kinds `families` knows, with the options their rows accept.
std::variant<Scenario, LoadError> load_scenario(
    const std::string& path, const FamilyRegistry& families = FamilyRegistry::builtin());

// The same for a scenario held in memory: `text` stands for the file at `path`, which its messages
// name and its includes and file references are relative to (the file itself is never read).
std::variant<Scenario, LoadError> load_scenario_text(
    const std::string& text, const std::string& path,
    const FamilyRegistry& families = FamilyRegistry::builtin());

// Expands files and directories (a directory's *.yaml and *.yml, sorted, skipping names that start
// with '_', which are fragments for `include:`) into the list of scenario files to run.
std::variant<std::vector<std::string>, LoadError> expand_scenario_paths(
    const std::vector<std::string>& paths);

}  // namespace hil::scenario
