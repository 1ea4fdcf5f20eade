// What the supervisor MCU reads on the AN385, which has no battery, switches or radio: the
// reference board's values (spec: 78 %, 11750 mV, -420 mA, 36.5 C, lte and bt on, wifi off, the
// bridge enabled, the lid shut, the charger present, the radio ok). Power and reset are reported on
// the diagnostics UART, as a logic analyser on those pins would show them.
#pragma once

#include "boards/mps2_an385/uart.h"
#include "firmware_core/supervisor/mcu_ports.h"

namespace hil::board {

class ReferenceSupervisorInputs : public supervisor::BatteryGauge,
                                  public supervisor::TemperatureSensor,
                                  public supervisor::SwitchInputs,
                                  public supervisor::RadioMonitor,
                                  public supervisor::PowerControl,
                                  public supervisor::PiResetLine {
 public:
  supervisor::BatteryReading read_battery() override { return {78, 11750, -420}; }
  double read_mcu_temp_c() override { return 36.5; }
  supervisor::SwitchStates read_switches() override {
    supervisor::SwitchStates states;
    states.lte = true;
    states.wifi = false;
    states.bt = true;
    states.bridge_enable = true;
    states.lid_open = false;
    states.charger_online = true;
    return states;
  }
  supervisor::RadioStatus read_radio_status() override { return supervisor::RadioStatus::kOk; }
  void prepare_poweroff() override { diag_uart().write("pin pi_poweroff_armed=1\n"); }
  void cut_pi_power() override { diag_uart().write("pin pi_power=0\n"); }
  void restore_pi_power() override { diag_uart().write("pin pi_power=1\n"); }
  void pulse_reset() override { diag_uart().write("pin pi_reset=pulse\n"); }
};

}  // namespace hil::board
