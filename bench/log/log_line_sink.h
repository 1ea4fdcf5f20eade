// The core's LineSink port on the log: each line the firmware or a simulated device prints becomes
// a log line at one level. A line that starts with its own "[component] " (the simulated boards
// name themselves so) is logged under that component.
#pragma once

#include <string_view>
#include <utility>

#include "bench/log/logger.h"
#include "firmware_core/ports/line_sink.h"

namespace hil::bench {

class LogLineSink : public core::LineSink {
 public:
  explicit LogLineSink(Logger log, LogLevel level = LogLevel::kInfo)
      : log_(std::move(log)), level_(level) {}
  void write_line(std::string_view line) override;

 private:
  Logger log_;
  LogLevel level_;
};

}  // namespace hil::bench
