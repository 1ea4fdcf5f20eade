// Reads traces (JSON Lines: a header, then messages) back into memory, with line-numbered errors.
#pragma once

#include <istream>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "bench/scenario/device.h"
#include "bench/scenario/scenario_loader.h"

namespace hil::scenario {

struct Trace {
  std::string file;
  nlohmann::json header;
  std::vector<LinkMessage> messages;  // in file order (time order)
};

// Links must be ones the families know.
std::variant<Trace, LoadError> read_trace(
    const std::string& path, const FamilyRegistry& families = FamilyRegistry::builtin());
// The same from a stream already open; `file` names it in the errors and the trace.
std::variant<Trace, LoadError> read_trace(
    std::istream& in, const std::string& file,
    const FamilyRegistry& families = FamilyRegistry::builtin());

}  // namespace hil::scenario
