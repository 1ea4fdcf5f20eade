// One component's handle on the process's log sink ("mqtt", "serial", "supv"): cheap to copy, and
// passed to whatever logs. A default one writes nowhere, for parts used with no process around
// them (unit tests).
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "bench/log/log_sink.h"

namespace hil::bench {

class Logger {
 public:
  Logger() = default;
  Logger(LogSink& sink, std::string component) : sink_(&sink), component_(std::move(component)) {}

  // The same sink under another component.
  Logger at(std::string component) const {
    Logger other = *this;
    other.component_ = std::move(component);
    return other;
  }

  bool enabled(LogLevel level) const { return sink_ != nullptr && sink_->enabled(level); }
  void write(LogLevel level, std::string_view message) const {
    if (sink_ != nullptr) sink_->write(level, component_, message);
  }
  void debug(std::string_view message) const { write(LogLevel::kDebug, message); }
  void info(std::string_view message) const { write(LogLevel::kInfo, message); }
  void warning(std::string_view message) const { write(LogLevel::kWarning, message); }
  void error(std::string_view message) const { write(LogLevel::kError, message); }

 private:
  LogSink* sink_ = nullptr;
  std::string component_;
};

}  // namespace hil::bench
