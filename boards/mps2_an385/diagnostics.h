// The board's own lines on UART1, apart from the firmware's console: what started, and the heap's
// and the stack's peaks each time one grows by a step (the footprint figures read them).
#pragma once

#include <cstddef>
#include <string_view>

namespace hil::board {

class Diagnostics {
 public:
  // Starts UART1 and says which firmware runs.
  explicit Diagnostics(std::string_view firmware);
  // From the main loop: reports a peak that has grown by kStepBytes since its last report.
  void poll();

 private:
  static constexpr std::size_t kStepBytes = 256;
  std::size_t heap_reported_ = 0;
  std::size_t stack_reported_ = 0;
};

}  // namespace hil::board
