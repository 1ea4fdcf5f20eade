// Diagnostics on UART1.
#include "boards/mps2_an385/diagnostics.h"

#include <string>

#include "boards/mps2_an385/heap.h"
#include "boards/mps2_an385/uart.h"

namespace hil::board {

Diagnostics::Diagnostics(std::string_view firmware) {
  diag_uart().start(false);
  diag_uart().write("board=mps2-an385 firmware=" + std::string(firmware) +
                    " heap_bytes=" + std::to_string(heap_size_bytes()) + "\n");
}

void Diagnostics::poll() {
  const std::size_t peak = heap_peak_bytes();
  if (peak < reported_ + kStepBytes) return;
  reported_ = peak;
  diag_uart().write("heap_peak_bytes=" + std::to_string(peak) + "\n");
}

}  // namespace hil::board
