// The console output port: one call per printed line (no line terminator).
#pragma once

#include <string_view>

namespace hil::core {

class LineSink {
 public:
  virtual ~LineSink() = default;
  virtual void write_line(std::string_view line) = 0;
};

}  // namespace hil::core
