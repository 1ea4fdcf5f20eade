// Traces as JSON Lines.
#include "bench/scenario/trace_writer.h"

#include <cerrno>
#include <cstring>

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

namespace {

// A line; payloads that are not UTF-8 are written with replacement characters rather than refused.
std::string dump(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void write_trace(std::ostream& out, const nlohmann::ordered_json& header,
                 const std::vector<LinkMessage>& messages) {
  out << dump(header) << '\n';
  for (const LinkMessage& message : messages) out << dump(trace_line(message)) << '\n';
}

void TraceStream::begin(const ScenarioResult& started) {
  out_ << dump(trace_header(started, seed_, started.clock)) << '\n';
  check();
}

void TraceStream::message(const LinkMessage& message) {
  if (!failure_.empty()) return;  // the run goes on; the trace is reported as cut
  out_ << dump(trace_line(message)) << '\n';
  check();
}

void TraceStream::end(const ScenarioResult&) {
  out_.flush();
  check();
}

void TraceStream::check() {
  if (!out_ && failure_.empty()) failure_ = std::strerror(errno);
}

void write_trace(std::ostream& out, const ScenarioResult& result, std::uint64_t seed,
                 const std::string& clock) {
  write_trace(out, trace_header(result, seed, clock), result.messages);
}

}  // namespace hil::scenario
