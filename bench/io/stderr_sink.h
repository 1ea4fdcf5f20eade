// A LineSink that prints each line on stderr: where the bench's processes send their device logs.
#pragma once

#include <iostream>
#include <string>
#include <string_view>
#include <utility>

#include "firmware_core/ports/line_sink.h"

namespace hil::bench {

class StderrSink : public core::LineSink {
 public:
  // `prefix` starts every line ("[hvac] "), so logs of several processes can be told apart.
  explicit StderrSink(std::string prefix = {}) : prefix_(std::move(prefix)) {}
  void write_line(std::string_view line) override { std::cerr << prefix_ << line << '\n'; }

 private:
  std::string prefix_;
};

}  // namespace hil::bench
