// The core's LineSink port on the log.
#include "bench/log/log_line_sink.h"

#include <string>

namespace hil::bench {

void LogLineSink::write_line(std::string_view line) {
  const auto close = line.find("] ");
  if (line.size() > 1 && line.front() == '[' && close != std::string_view::npos) {
    log_.at(std::string(line.substr(1, close - 1))).write(level_, line.substr(close + 2));
    return;
  }
  log_.write(level_, line);
}

}  // namespace hil::bench
