// The head controller's commands, checked.
#include "firmware_core/head/control_message.h"

#include <nlohmann/json.hpp>

#include "firmware_core/common/text.h"

namespace hil::head {
namespace {

using nlohmann::json;

bool is_id_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// A string field: nullopt and why when it is missing (and required) or not a string.
std::optional<std::string> text_field(const json& doc, const char* key, bool required,
                                      std::string& error) {
  const auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) {
    if (required) error = std::string("'") + key + "' is missing";
    return std::nullopt;
  }
  if (!it->is_string()) {
    error = std::string("'") + key + "' must be a string, got " + it->type_name();
    return std::nullopt;
  }
  return it->get<std::string>();
}

// The id of a payload that names one: checked, or why not.
std::optional<std::string> read_id(const json& doc, bool required, std::string& error) {
  auto id = text_field(doc, "id", required, error);
  if (!id) return std::nullopt;
  if (const std::string problem = id_problem(*id); !problem.empty()) {
    error = problem;
    return std::nullopt;
  }
  return id;
}

std::variant<Command, Refusal> parse_start(const json& doc) {
  std::string error;
  const auto id = read_id(doc, true, error);
  if (!id) return Refusal{error, std::nullopt};
  const auto path = text_field(doc, "path", true, error);
  if (!path) return Refusal{error, id};
  if (path->empty()) return Refusal{"'path' is empty", id};
  if (path->front() == '-') return Refusal{"'path' may not start with '-'", id};
  if (core::has_control(*path)) return Refusal{"'path' holds a control character", id};
  StartScript start{*id, *path, {}};
  if (const auto args = doc.find("args"); args != doc.end() && !args->is_null()) {
    if (!args->is_array() || args->size() > kMaxArgs)
      return Refusal{"'args' must be a list of at most " + std::to_string(kMaxArgs) + " strings",
                     id};
    for (const json& arg : *args) {
      if (!arg.is_string()) return Refusal{"'args' must hold strings only", id};
      start.args.push_back(arg.get<std::string>());
    }
  }
  return Command{std::move(start)};
}

}  // namespace

std::optional<CommandKind> command_kind(std::string_view control_suffix) {
  if (control_suffix == "script/start") return CommandKind::kStart;
  if (control_suffix == "script/stop") return CommandKind::kStop;
  if (control_suffix == "script/status") return CommandKind::kStatus;
  if (control_suffix == "bluetooth/connect") return CommandKind::kConnect;
  return std::nullopt;
}

std::string id_problem(std::string_view id) {
  if (id.empty()) return "'id' is empty";
  if (id.size() > kMaxIdLength)
    return "'id' is longer than " + std::to_string(kMaxIdLength) + " characters";
  for (const char c : id) {
    if (!is_id_char(c))
      return "'id' may hold only letters, digits, '_', '.' and '-', not " +
             core::printable(std::string(1, c));
  }
  return "";
}

std::optional<std::string> normalized_address(std::string_view address) {
  if (address.size() != 17) return std::nullopt;
  std::string out(address);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const bool colon_place = i % 3 == 2;
    if (colon_place ? out[i] != ':' : !is_hex(out[i])) return std::nullopt;
    if (out[i] >= 'a' && out[i] <= 'f') out[i] = static_cast<char>(out[i] - 'a' + 'A');
  }
  return out;
}

std::variant<Command, Refusal> parse_command(CommandKind kind, std::string_view payload) {
  if (payload.size() > kMaxPayloadBytes)
    return Refusal{"the payload is " + std::to_string(payload.size()) +
                       " bytes, over the limit of " + std::to_string(kMaxPayloadBytes),
                   std::nullopt};
  // The status query's payload is optional: an empty one asks for every script.
  if (kind == CommandKind::kStatus && payload.empty()) return Command{ScriptStatus{}};
  const json doc = json::parse(payload, nullptr, false);
  if (doc.is_discarded()) return Refusal{"the payload is not JSON", std::nullopt};
  if (!doc.is_object())
    return Refusal{std::string("the payload must be a JSON object, got ") + doc.type_name(),
                   std::nullopt};
  std::string error;
  switch (kind) {
    case CommandKind::kStart:
      return parse_start(doc);
    case CommandKind::kStop: {
      const auto id = read_id(doc, true, error);
      if (!id) return Refusal{error, std::nullopt};
      return Command{StopScript{*id}};
    }
    case CommandKind::kStatus: {
      const auto id = read_id(doc, false, error);
      if (!error.empty()) return Refusal{error, std::nullopt};
      return Command{ScriptStatus{id}};
    }
    case CommandKind::kConnect: {
      const auto address = text_field(doc, "address", true, error);
      if (!address) return Refusal{error, std::nullopt};
      const auto normal = normalized_address(*address);
      if (!normal)
        return Refusal{"'address' must be six hex pairs such as 00:11:22:33:44:55, got " +
                           core::printable_excerpt(*address, 40),
                       std::nullopt};
      return Command{ConnectBluetooth{*normal}};
    }
  }
  return Refusal{"unknown command", std::nullopt};
}

}  // namespace hil::head
