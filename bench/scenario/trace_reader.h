// Reads traces (JSON Lines: a header, then messages) back into memory, with line-numbered errors.
#pragma once

#include <istream>
#include <nlohmann/json.hpp>
#include <optional>
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
  // Set when the file ends in the middle of a record (its recorder crashed or ran out of disk):
  // where, and what is used instead; `messages` holds the complete records before it.
  std::optional<LoadError> cut_short;
};

// Links must be ones the families know. A last line that is not JSON and has no newline is a cut
// record: left out, and told in `cut_short`; a damaged line anywhere else is an error.
std::variant<Trace, LoadError> read_trace(
    const std::string& path, const FamilyRegistry& families = FamilyRegistry::builtin());
// The same from a stream already open; `file` names it in the errors and the trace.
std::variant<Trace, LoadError> read_trace(
    std::istream& in, const std::string& file,
    const FamilyRegistry& families = FamilyRegistry::builtin());

}  // namespace hil::scenario
