// A LineSink that prints each line on stderr: where the bench's processes send their device logs.
#pragma once

#include <iostream>
#include <string_view>

#include "firmware_core/ports/line_sink.h"

namespace hil::bench {

class StderrSink : public core::LineSink {
 public:
  void write_line(std::string_view line) override { std::cerr << line << '\n'; }
};

}  // namespace hil::bench
