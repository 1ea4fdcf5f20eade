// The head controller's commands as they arrive on heads/{name}/control/...: checked and typed, or
// refused with a reason. Ids are what a status topic can carry: 1 to 64 of [A-Za-z0-9_.-], so no
// MQTT wildcard, no `/` and no NUL; paths are not options (no leading `-`); addresses are
// XX:XX:XX:XX:XX:XX.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hil::head {

inline constexpr std::size_t kMaxPayloadBytes = 4096;
inline constexpr std::size_t kMaxIdLength = 64;
inline constexpr std::size_t kMaxArgs = 32;

struct StartScript {
  std::string id;
  std::string path;
  std::vector<std::string> args;  // after the path, no shell in between (beyond the spec)
};
struct StopScript {
  std::string id;
};
struct ScriptStatus {
  std::optional<std::string> id;  // none: every script
};
struct ConnectBluetooth {
  std::string address;  // upper case
};

using Command = std::variant<StartScript, StopScript, ScriptStatus, ConnectBluetooth>;

// Which command a control topic carries, from what follows "heads/{name}/control/".
enum class CommandKind { kStart, kStop, kStatus, kConnect };
std::optional<CommandKind> command_kind(std::string_view control_suffix);

struct Refusal {
  std::string error;
  std::optional<std::string> id;  // the payload's id when it is a valid one (where to answer)
};

// The command, or why it is refused.
std::variant<Command, Refusal> parse_command(CommandKind kind, std::string_view payload);

// "" when `id` may name a script, else why not.
std::string id_problem(std::string_view id);
// The address in upper case, or nullopt when it is not six hex pairs separated by colons.
std::optional<std::string> normalized_address(std::string_view address);

}  // namespace hil::head
