// The CMSDK UARTs: UART0 is the console (received bytes collected by its interrupt), UART1 the
// board's diagnostics (written only).
#pragma once

#include <cstddef>
#include <string_view>

#include "boards/mps2_an385/registers.h"
#include "firmware_core/ports/line_sink.h"

namespace hil::board {

class Uart {
 public:
  explicit Uart(UartRegisters& registers) : registers_(registers) {}
  // 115200 8N1 with transmit and receive on; `rx_interrupt` hands received bytes to on_rx_irq().
  void start(bool rx_interrupt);
  // Waits while the transmit buffer is full: a line is never cut.
  void write(std::string_view bytes);
  // Received bytes not read before, oldest first; returns how many were copied.
  std::size_t read(char* out, std::size_t capacity);
  // The receive interrupt: moves what the UART holds into the buffer.
  void on_rx_irq();

 private:
  // Moves received bytes from the UART into the buffer while there is room.
  void drain();

  static constexpr std::size_t kRxBufferBytes = 1024;  // four console lines of 255 bytes
  UartRegisters& registers_;
  char rx_[kRxBufferBytes] = {};
  volatile std::size_t head_ = 0;
  volatile std::size_t tail_ = 0;
};

// Lines on a UART, each with the ending its firmware's protocol uses.
class UartLineSink : public core::LineSink {
 public:
  UartLineSink(Uart& uart, std::string_view ending) : uart_(uart), ending_(ending) {}
  void write_line(std::string_view line) override {
    uart_.write(line);
    uart_.write(ending_);
  }

 private:
  Uart& uart_;
  std::string_view ending_;
};

// The console UART, for the interrupt handler.
Uart& console_uart();
// The diagnostics UART.
Uart& diag_uart();

}  // namespace hil::board
