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
  const std::size_t heap = heap_peak_bytes();
  if (heap >= heap_reported_ + kStepBytes) {
    heap_reported_ = heap;
    diag_uart().write("heap_peak_bytes=" + std::to_string(heap) + "\n");
  }
  const std::size_t stack = stack_peak_bytes();
  if (stack >= stack_reported_ + kStepBytes) {
    stack_reported_ = stack;
    diag_uart().write("stack_peak_bytes=" + std::to_string(stack) + "\n");
  }
}

}  // namespace hil::board
