// The CMSDK UARTs.
#include "boards/mps2_an385/uart.h"

#include "boards/mps2_an385/cpu.h"

namespace hil::board {

void Uart::start(bool rx_interrupt) {
  registers_.bauddiv = kUartBaudDivider;
  registers_.ctrl = kUartTxEnable | kUartRxEnable | (rx_interrupt ? kUartRxInterrupt : 0U);
}

void Uart::write(std::string_view bytes) {
  for (const char c : bytes) {
    while ((registers_.state & kUartTxFull) != 0U) {
    }
    registers_.data = static_cast<unsigned char>(c);
  }
}

std::size_t Uart::read(char* out, std::size_t capacity) {
  const InterruptsMasked masked;
  // A byte left in the UART while the buffer was full raises no new interrupt: take it here.
  drain();
  std::size_t count = 0;
  while (count < capacity && tail_ != head_) {
    out[count++] = rx_[tail_];
    tail_ = (tail_ + 1) % kRxBufferBytes;
  }
  return count;
}

void Uart::drain() {
  while ((registers_.state & kUartRxFull) != 0U) {
    const std::size_t next = (head_ + 1) % kRxBufferBytes;
    // Full: the byte stays in the UART, which holds the sender back (QEMU's UART does), so
    // nothing is lost; read() takes it once there is room.
    if (next == tail_) return;
    rx_[head_] = static_cast<char>(registers_.data & 0xFFU);
    head_ = next;
  }
}

void Uart::on_rx_irq() {
  registers_.intstatus = 1U << 1;  // acknowledged first: a byte arriving meanwhile raises it again
  drain();
}

Uart& console_uart() {
  static Uart uart(uart0());
  return uart;
}

Uart& diag_uart() {
  static Uart uart(uart1());
  return uart;
}

}  // namespace hil::board

extern "C" void uart0_rx_handler() { hil::board::console_uart().on_rx_irq(); }
