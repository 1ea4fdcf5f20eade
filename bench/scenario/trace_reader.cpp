// Reads traces back into memory.
#include "bench/scenario/trace_reader.h"

#include <fstream>

#include "bench/scenario/trace_writer.h"

namespace hil::scenario {
namespace {

// Beyond a year a time is a corrupt trace, and replay's arithmetic on it stays far from overflow.
constexpr std::int64_t kMaxTimeUs = std::int64_t{366} * 24 * 3600 * 1000 * 1000;

// One message line; an error text when a field is missing or of the wrong type.
std::string read_message(const nlohmann::json& line, const FamilyRegistry& families,
                         std::int64_t previous_us, LinkMessage& out) {
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
  if (line["t_us"].is_number_unsigned() && line["t_us"].get<std::uint64_t>() > kMaxTimeUs)
    out.time_us = kMaxTimeUs + 1;  // beyond int64: refused just below
  if (out.time_us < 0 || out.time_us > kMaxTimeUs)
    return "'t_us' must be from 0 to " + std::to_string(kMaxTimeUs) + " (366 days)";
  if (out.time_us < previous_us)
    return "'t_us' goes backwards: " + std::to_string(out.time_us) + " after " +
           std::to_string(previous_us);
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
  if (line.contains("lost") && !line["lost"].is_boolean()) return "'lost' must be true or false";
  out.lost = line.value("lost", false);
  if (line.contains("from") && !text("from", out.from)) return "'from' must be a string";
  return "";
}

// A device of the header: a named object whose options, where its family knows them, are of
// their types (replay builds the device from them).
std::string check_device(const nlohmann::json& device, std::size_t index,
                         const FamilyRegistry& families) {
  const std::string field = "'devices[" + std::to_string(index) + "]";
  if (!device.is_object()) return field + "' must be an object, got " + device.dump();
  const auto name = device.find("name");
  if (name == device.end() || !name->is_string() || name->get<std::string>().empty())
    return field + ".name' must be a non-empty string";
  const auto kind = device.find("kind");
  if (kind != device.end() && !kind->is_string()) return field + ".kind' must be a string";
  const Family* family = families.of(device);
  if (family == nullptr) return "";  // replay names the kinds it knows
  for (const auto& option : family->options) {
    const auto value = device.find(option.key);
    if (value == device.end()) continue;
    if (std::string why = check_option(option, *value); !why.empty())
      return field + "." + why.substr(1);  // check_option's text opens with the key's quote
  }
  return "";
}

// The first line: format, version, seed, clock, scenario and devices, each of its type.
std::string check_header(const nlohmann::json& doc, const FamilyRegistry& families) {
  if (!doc.is_object() || doc.value("format", nlohmann::json()) != "hilbench-trace")
    return "the first line must be a hilbench-trace header";
  const auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer() || *version != kTraceFormatVersion) {
    return "'version' must be " + std::to_string(kTraceFormatVersion) + ", got " +
           (version == doc.end() ? "none" : version->dump());
  }
  if (doc.contains("seed") && !doc["seed"].is_number_unsigned())
    return "'seed' must be a whole number from 0 to 2^64-1, got " + doc["seed"].dump();
  if (doc.contains("clock")) {
    const auto& clock = doc["clock"];
    if (!clock.is_string() || (clock != "virtual" && clock != "paced" && clock != "real"))
      return "'clock' must be virtual, paced or real, got " + clock.dump();
  }
  if (doc.contains("scenario") && !doc["scenario"].is_string())
    return "'scenario' must be a string";
  if (!doc.contains("devices")) return "";
  if (!doc["devices"].is_array()) return "'devices' must be a list";
  for (std::size_t i = 0; i < doc["devices"].size(); ++i) {
    if (std::string why = check_device(doc["devices"][i], i, families); !why.empty()) return why;
  }
  return "";
}

}  // namespace

std::variant<Trace, LoadError> read_trace(const std::string& path, const FamilyRegistry& families) {
  std::ifstream in(path);
  if (!in) return LoadError{Location{path, 0, 0}, "cannot read the trace"};
  return read_trace(in, path, families);
}

std::variant<Trace, LoadError> read_trace(std::istream& in, const std::string& path,
                                          const FamilyRegistry& families) {
  Trace trace{path, nlohmann::json(), {}};
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    const auto doc = nlohmann::json::parse(line, nullptr, false);
    // getline met the end of the file before a newline: the writer stopped inside this line.
    const bool cut = in.eof();
    if (doc.is_discarded() && cut && !trace.header.is_null()) {
      trace.cut_short = LoadError{Location{path, number, 1},
                                  "the last line is cut short (" + std::to_string(line.size()) +
                                      " bytes, no newline): left out; the " +
                                      std::to_string(trace.messages.size()) +
                                      " complete records before it are used"};
      break;
    }
    if (doc.is_discarded())
      return LoadError{Location{path, number, 1},
                       cut ? "the header line is cut short (no newline)" : "not a JSON line"};
    if (trace.header.is_null()) {
      if (std::string error = check_header(doc, families); !error.empty())
        return LoadError{Location{path, number, 1}, std::move(error)};
      trace.header = doc;
      continue;
    }
    LinkMessage message;
    const std::int64_t previous_us = trace.messages.empty() ? 0 : trace.messages.back().time_us;
    if (const std::string error = read_message(doc, families, previous_us, message);
        !error.empty()) {
      return LoadError{Location{path, number, 1}, error};
    }
    trace.messages.push_back(std::move(message));
  }
  if (trace.header.is_null()) return LoadError{Location{path, 1, 1}, "empty trace: no header"};
  return trace;
}

}  // namespace hil::scenario
