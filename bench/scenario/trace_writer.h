// Traces as JSON Lines: a header (format, version, seed, clock, devices), then one line per
// message that crossed a device boundary.
#pragma once

#include <ostream>
#include <string>

#include "bench/scenario/runner.h"

namespace hil::scenario {

constexpr int kTraceFormatVersion = 1;

// The header line's object.
nlohmann::ordered_json trace_header(const ScenarioResult& result, std::uint64_t seed,
                                    const std::string& clock);
// One message's line object: t_us, device, link, dir (in|out), kind (line|publish), topic, payload.
nlohmann::ordered_json trace_line(const LinkMessage& message);
void write_trace(std::ostream& out, const ScenarioResult& result, std::uint64_t seed,
                 const std::string& clock);
// The same for messages recorded some other way (a passive recording), under a given header.
void write_trace(std::ostream& out, const nlohmann::ordered_json& header,
                 const std::vector<LinkMessage>& messages);

}  // namespace hil::scenario
