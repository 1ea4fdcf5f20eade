// How much a log line matters; a process writes the lines at or above its --log-level.
#pragma once

#include <optional>
#include <string_view>

namespace hil::bench {

enum class LogLevel { kDebug, kInfo, kWarning, kError };

// "debug", "info", "warning", "error": the words of --log-level.
std::string_view to_string(LogLevel level);
std::optional<LogLevel> parse_log_level(std::string_view word);

}  // namespace hil::bench
