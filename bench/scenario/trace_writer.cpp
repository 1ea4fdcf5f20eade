// Traces as JSON Lines.
#include "bench/scenario/trace_writer.h"

namespace hil::scenario {

nlohmann::ordered_json trace_header(const ScenarioResult& result, std::uint64_t seed,
                                    const std::string& clock) {
  return {{"format", "hilbench-trace"},
          {"version", kTraceFormatVersion},
          {"seed", seed},
          {"clock", clock},
          {"scenario", result.name},
          {"devices", nlohmann::ordered_json(result.devices)}};
}

nlohmann::ordered_json trace_line(const LinkMessage& message) {
  nlohmann::ordered_json line = {{"t_us", message.time_us},
                                 {"device", message.device},
                                 {"link", message.link},
                                 {"dir", message.inbound ? "in" : "out"},
                                 {"kind", !message.topic.empty()     ? "publish"
                                          : message.link == "serial" ? "line"
                                                                     : "frame"}};
  if (!message.topic.empty()) line["topic"] = message.topic;
  line["payload"] = message.payload;
  if (message.lost) line["lost"] = true;
  if (!message.from.empty()) line["from"] = message.from;
  return line;
}

void write_trace(std::ostream& out, const nlohmann::ordered_json& header,
                 const std::vector<LinkMessage>& messages) {
  // Payloads that are not UTF-8 are written with replacement characters rather than refused.
  const auto dump = [](const nlohmann::ordered_json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  out << dump(header) << '\n';
  for (const LinkMessage& message : messages) out << dump(trace_line(message)) << '\n';
}

void write_trace(std::ostream& out, const ScenarioResult& result, std::uint64_t seed,
                 const std::string& clock) {
  write_trace(out, trace_header(result, seed, clock), result.messages);
}

}  // namespace hil::scenario
