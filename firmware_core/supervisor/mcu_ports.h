// The supervisor MCU's peripheral ports: what its firmware reads and drives on the board. Readings
// are taken when the firmware asks (ADC and GPIO reads); changes of switches, radio and the Pi's
// heartbeat reach the firmware as calls from the board, as interrupts would (mcu_supervisor.h).
#pragma once

#include <optional>

#include "firmware_core/ports/line_sink.h"
#include "firmware_core/ports/scheduler.h"
#include "firmware_core/supervisor/mcu_values.h"

namespace hil::supervisor {

struct BatteryReading {
  std::optional<int> pct;  // 0..100; empty when the gauge cannot tell
  int pack_mv = 0;
  int pack_ma = 0;  // negative: current into the pack (charging); positive: drawn from it
};

// The pack's fuel gauge (ADC or gauge IC). Non-const: a read may sample the hardware.
class BatteryGauge {
 public:
  virtual ~BatteryGauge() = default;
  virtual BatteryReading read_battery() = 0;
};

// The MCU's own die temperature sensor.
class TemperatureSensor {
 public:
  virtual ~TemperatureSensor() = default;
  virtual double read_mcu_temp_c() = 0;
};

// The toggle switches and the charger-present input (GPIOs).
class SwitchInputs {
 public:
  virtual ~SwitchInputs() = default;
  virtual SwitchStates read_switches() = 0;
};

// The LoRa module's health as the MCU sees it (its status pin and UART).
class RadioMonitor {
 public:
  virtual ~RadioMonitor() = default;
  virtual RadioStatus read_radio_status() = 0;
};

// The Pi's main power path.
class PowerControl {
 public:
  virtual ~PowerControl() = default;
  // arm_poweroff was accepted: assert the supervisor GPIO, stop the chargers; power stays on.
  virtual void prepare_poweroff() = 0;
  // The Pi has halted: drop its main power.
  virtual void cut_pi_power() = 0;
  // Power the Pi again (after a cut); undoes prepare_poweroff too.
  virtual void restore_pi_power() = 0;
};

// The Pi's reset (RUN) pin, pulsed by the boot watchdog.
class PiResetLine {
 public:
  virtual ~PiResetLine() = default;
  virtual void pulse_reset() = 0;
};

// Everything the firmware is wired to; each must outlive it.
struct McuPorts {
  core::Scheduler& scheduler;
  core::LineSink& uart;  // one call per line, no terminator: the UART driver ends it with '\n'
  BatteryGauge& battery;
  TemperatureSensor& temperature;
  SwitchInputs& switches;
  RadioMonitor& radio;
  PowerControl& power;
  PiResetLine& pi_reset;
};

}  // namespace hil::supervisor
