// Reads traces back into memory.
#include "bench/scenario/trace_reader.h"

#include <fstream>

#include "bench/scenario/trace_writer.h"

namespace hil::scenario {
namespace {

// One message line; an error text when a field is missing or of the wrong type.
std::string read_message(const nlohmann::json& line, const FamilyRegistry& families,
                         LinkMessage& out) {
  const auto text = [&line](const char* key, std::string& field) {
    const auto it = line.find(key);
    if (it == line.end() || !it->is_string()) return false;
    field = it->get<std::string>();
    return true;
  };
  std::string dir;
  if (!line.is_object()) return "a trace line must be a JSON object";
  if (!line.contains("t_us") || !line["t_us"].is_number_integer())
    return "'t_us' must be an integer";
  out.time_us = line["t_us"].get<std::int64_t>();
  if (!text("device", out.device)) return "'device' must be a string";
  const LinkSpec* link = text("link", out.link) ? families.link(out.link) : nullptr;
  if (link == nullptr) {
    std::string names;
    for (const auto& known : families.links()) names += (names.empty() ? "" : ", ") + known.name;
    return "'link' must be one of " + names;
  }
  if (!text("dir", dir) || (dir != "in" && dir != "out")) return "'dir' must be in or out";
  if (!text("payload", out.payload)) return "'payload' must be a string";
  if (line.contains("topic") && !text("topic", out.topic)) return "'topic' must be a string";
  if (link->shape == LinkShape::kPublishes && out.topic.empty())
    return "an " + out.link + " message needs a 'topic'";
  out.inbound = dir == "in";
  out.lost = line.value("lost", false);
  if (line.contains("from") && !text("from", out.from)) return "'from' must be a string";
  return "";
}

}  // namespace

std::variant<Trace, LoadError> read_trace(const std::string& path, const FamilyRegistry& families) {
  std::ifstream in(path);
  if (!in) return LoadError{Location{path, 0, 0}, "cannot read the trace"};
  Trace trace{path, nlohmann::json(), {}};
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    const auto doc = nlohmann::json::parse(line, nullptr, false);
    if (doc.is_discarded()) return LoadError{Location{path, number, 1}, "not a JSON line"};
    if (trace.header.is_null()) {
      if (!doc.is_object() || doc.value("format", "") != "hilbench-trace") {
        return LoadError{Location{path, number, 1},
                         "the first line must be a hilbench-trace header"};
      }
      if (doc.value("version", 0) != kTraceFormatVersion) {
        return LoadError{
            Location{path, number, 1},
            "unsupported trace version " + doc.value("version", nlohmann::json()).dump()};
      }
      trace.header = doc;
      continue;
    }
    LinkMessage message;
    if (const std::string error = read_message(doc, families, message); !error.empty()) {
      return LoadError{Location{path, number, 1}, error};
    }
    trace.messages.push_back(std::move(message));
  }
  if (trace.header.is_null()) return LoadError{Location{path, 1, 1}, "empty trace: no header"};
  return trace;
}

}  // namespace hil::scenario
