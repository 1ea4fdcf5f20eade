// The Pi-side ports of the power-off handshake: the poweroff_ok GPIO and the shutdown itself.
#pragma once

namespace hil::supervisor {

// One digital output line (the Pi's poweroff_ok GPIO to the supervisor).
class OutputPin {
 public:
  virtual ~OutputPin() = default;
  // Drives the line; false when it could not be driven (the host says why in its own log).
  virtual bool set(bool high) = 0;
};

// The host's shutdown action (`poweroff` on the Pi).
class PowerAction {
 public:
  virtual ~PowerAction() = default;
  // Starts the shutdown; false when it could not be started.
  virtual bool power_off() = 0;
};

}  // namespace hil::supervisor
