// A console that prints every line through printable(), so no text a peer sent can forge a line.
#pragma once

#include "firmware_core/common/text.h"
#include "firmware_core/ports/line_sink.h"

namespace hil::core {

class PrintableLineSink final : public LineSink {
 public:
  explicit PrintableLineSink(LineSink& out) : out_(out) {}
  void write_line(std::string_view line) override { out_.write_line(printable(line)); }

 private:
  LineSink& out_;
};

}  // namespace hil::core
