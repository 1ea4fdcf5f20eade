// The one place a process's log lines are written.
#include "bench/log/log_sink.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "firmware_core/common/text.h"

namespace hil::bench {
namespace {

// The --log-level words in upper case, so levels stand out from the words around them.
constexpr std::array<std::string_view, 4> kLevelWords = {"DEBUG", "INFO", "WARNING", "ERROR"};

std::string_view level_word(LogLevel level) {
  return kLevelWords.at(static_cast<std::size_t>(level));
}

}  // namespace

void LogSink::write(LogLevel level, std::string_view component, std::string_view message) {
  if (!enabled(level)) return;
  while (!message.empty()) {
    const auto end = message.find('\n');
    write_line(level, component, message.substr(0, end));
    if (end == std::string_view::npos) break;
    message.remove_prefix(end + 1);
  }
}

void LogSink::write_line(LogLevel level, std::string_view component, std::string_view line) {
  if (divert_ && divert_(level, component, line)) return;
  // One write per line, so lines of a process never interleave mid-line.
  // Messages quote what peers sent: their control characters must not drive the terminal.
  out_ << format_log_line(utc_timestamp(), level, component, core::printable(line)) + '\n'
       << std::flush;
}

std::string format_log_line(std::string_view timestamp, LogLevel level, std::string_view component,
                            std::string_view message) {
  std::string line;
  line.reserve(timestamp.size() + component.size() + message.size() + 12);
  line.append(timestamp).append(" ").append(level_word(level)).append(" [");
  line.append(component).append("] ").append(message);
  return line;
}

std::string utc_timestamp() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char text[32];
  const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + length, sizeof text - length, ".%03dZ", static_cast<int>(millis));
  return text;
}

}  // namespace hil::bench
