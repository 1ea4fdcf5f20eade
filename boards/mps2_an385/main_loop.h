// What every image's main() does after building its firmware: bring the console and the clock up,
// then serve forever (received bytes, the board's own events, due timers, diagnostics), sleeping
// whenever nothing is left to do.
#pragma once

#include <cstddef>
#include <string_view>

#include "boards/mps2_an385/board_scheduler.h"
#include "boards/mps2_an385/cpu.h"
#include "boards/mps2_an385/diagnostics.h"
#include "boards/mps2_an385/registers.h"
#include "boards/mps2_an385/tick_clock.h"
#include "boards/mps2_an385/uart.h"

namespace hil::board {

// Starts the console UART with its receive interrupt and the tick clock (`on_tick` in its
// interrupt, may be null); returns the console.
inline Uart& start_console_and_clock(void (*on_tick)()) {
  Uart& uart = console_uart();
  uart.start(true);
  nvic_iser0() = 1U << kUart0RxIrq;
  start_tick_clock(on_tick);
  return uart;
}

// `on_bytes(std::string_view)` gets what the console received; `board_events()` runs before the
// timers (a driver's end of move, say).
template <typename OnBytes, typename BoardEvents>
[[noreturn]] void serve_forever(Uart& console, BoardScheduler& scheduler, Diagnostics& diagnostics,
                                OnBytes on_bytes, BoardEvents board_events) {
  for (;;) {
    char received[64];
    const std::size_t count = console.read(received, sizeof received);
    if (count > 0) on_bytes(std::string_view(received, count));
    board_events();
    scheduler.run_due();
    diagnostics.poll();
    if (count == 0 && !scheduler.due()) wait_for_interrupt();
  }
}

}  // namespace hil::board
