// Fuzz target: arbitrary text as a trace file (JSON Lines). A refusal says why and at which line;
// a trace that reads is in time order (a record cut short only at its end), and writing it out and
// reading it back gives it again.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <variant>

#include "bench/scenario/trace_reader.h"
#include "bench/scenario/trace_writer.h"

namespace {

using hil::scenario::LinkMessage;
using hil::scenario::Trace;

void check(bool condition) {
  if (!condition) std::abort();
}

bool same(const LinkMessage& a, const LinkMessage& b) {
  return a.time_us == b.time_us && a.device == b.device && a.link == b.link && a.topic == b.topic &&
         a.payload == b.payload && a.inbound == b.inbound && a.lost == b.lost && a.from == b.from;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::istringstream in(text);
  const auto read = hil::scenario::read_trace(in, "fuzz.jsonl");
  if (const auto* error = std::get_if<hil::scenario::LoadError>(&read)) {
    check(!error->message.empty() && error->where.file == "fuzz.jsonl");
    // Lines count from 1; the last one may lack its '\n'.
    const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    check(error->where.line >= 1 && error->where.line <= lines);
    return 0;
  }
  const Trace& trace = std::get<Trace>(read);
  check(trace.header.is_object());
  // A cut record can only be the last line, after the header, in a text with no final newline.
  if (trace.cut_short) {
    const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    check(trace.cut_short->where.line >= 2 && trace.cut_short->where.line <= lines);
    check(!text.empty() && text.back() != '\n');
  }
  for (std::size_t i = 1; i < trace.messages.size(); ++i)
    check(trace.messages[i - 1].time_us <= trace.messages[i].time_us);

  std::stringstream written;
  hil::scenario::write_trace(written, nlohmann::ordered_json::parse(trace.header.dump()),
                             trace.messages);
  const auto again = hil::scenario::read_trace(written, "again.jsonl");
  check(std::holds_alternative<Trace>(again));
  const Trace& back = std::get<Trace>(again);
  check(back.header == trace.header && back.messages.size() == trace.messages.size());
  for (std::size_t i = 0; i < back.messages.size(); ++i)
    check(same(back.messages[i], trace.messages[i]));
  return 0;
}
