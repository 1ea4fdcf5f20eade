// The board's own lines on UART1, apart from the firmware's console: what started, and the heap's
// peak each time it grows by a step (the footprint figures read it).
#pragma once

#include <cstddef>
#include <string_view>

namespace hil::board {

class Diagnostics {
 public:
  // Starts UART1 and says which firmware runs.
  explicit Diagnostics(std::string_view firmware);
  // From the main loop: reports the heap's peak when it has grown by kStepBytes since the last
  // report.
  void poll();

 private:
  static constexpr std::size_t kStepBytes = 256;
  std::size_t reported_ = 0;
};

}  // namespace hil::board
