// The one place a process's log lines are written: each line carries a timestamp, its level and
// its component, and lines below the threshold (--log-level) are dropped.
//   2025-06-01T12:34:56.789Z INFO [mqtt] connected to 127.0.0.1:1883
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include "bench/log/log_level.h"

namespace hil::bench {

class LogSink {
 public:
  // Takes a line that would be written; true when it has shown the line itself (supv's live view
  // shows log lines under its frame), false to have it written as usual.
  using Diverter =
      std::function<bool(LogLevel level, std::string_view component, std::string_view message)>;

  explicit LogSink(std::ostream& out, LogLevel threshold = LogLevel::kInfo)
      : out_(out), threshold_(threshold) {}
  LogSink(const LogSink&) = delete;
  LogSink& operator=(const LogSink&) = delete;

  bool enabled(LogLevel level) const { return level >= threshold_; }
  // A message of several lines becomes as many log lines, each with the whole prefix.
  void write(LogLevel level, std::string_view component, std::string_view message);
  void divert(Diverter to) { divert_ = std::move(to); }

 private:
  void write_line(LogLevel level, std::string_view component, std::string_view line);

  std::ostream& out_;
  LogLevel threshold_;
  Diverter divert_;
};

// "2025-06-01T12:34:56.789Z INFO [mqtt] connected": the line as the sink writes it (no newline).
std::string format_log_line(std::string_view timestamp, LogLevel level, std::string_view component,
                            std::string_view message);
// The wall clock now in UTC, to the millisecond: "2025-06-01T12:34:56.789Z".
std::string utc_timestamp();

}  // namespace hil::bench
