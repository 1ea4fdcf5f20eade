// The supervisor MCU's firmware on the AN385: the core's SupervisorMcu on the UART to the Pi, with
// the reference board's readings (the AN385 has no battery, switches or radio).
#include "boards/mps2_an385/main_loop.h"
#include "boards/mps2_an385/reference_supervisor_inputs.h"
#include "firmware_core/supervisor/mcu_supervisor.h"

int main() {
  using namespace hil;
  static board::Diagnostics diagnostics("supervisor_mcu");
  board::Uart& uart = board::start_console_and_clock(nullptr);
  static board::BoardScheduler scheduler;
  static board::UartLineSink to_pi(uart, "\n");
  static board::ReferenceSupervisorInputs inputs;
  static supervisor::SupervisorMcu mcu(
      supervisor::McuPorts{scheduler, to_pi, inputs, inputs, inputs, inputs, inputs, inputs});
  mcu.boot();
  board::serve_forever(
      uart, scheduler, diagnostics, [](std::string_view bytes) { mcu.on_uart_bytes(bytes); },
      [] {});
}
