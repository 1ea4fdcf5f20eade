// How much a log line matters.
#include "bench/log/log_level.h"

#include <array>

namespace hil::bench {
namespace {

constexpr std::array<std::string_view, 4> kNames = {"debug", "info", "warning", "error"};

}  // namespace

std::string_view to_string(LogLevel level) { return kNames.at(static_cast<std::size_t>(level)); }

std::optional<LogLevel> parse_log_level(std::string_view word) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == word) return static_cast<LogLevel>(i);
  }
  return std::nullopt;
}

}  // namespace hil::bench
