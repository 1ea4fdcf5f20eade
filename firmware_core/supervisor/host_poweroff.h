// The Pi's side of the power-off handshake (supervisor-mcu-protocol.md, "Poweroff handshake"):
// arm_poweroff; on {"ok":true,"poweroff_ok":true} set the poweroff_ok GPIO high, then power off.
// A refusal ({"ok":false,"error":"battery_low"}), no reply, or a reply without poweroff_ok aborts
// the shutdown and says why; the GPIO is only touched once the MCU has agreed.
#pragma once

#include <functional>
#include <string>

#include "firmware_core/supervisor/host_ports.h"
#include "firmware_core/supervisor/supv_client.h"

namespace hil::supervisor {

enum class PoweroffOutcome {
  kPoweringOff,   // the MCU agreed, the GPIO is high and the shutdown has started
  kRefused,       // the MCU said ok:false (detail: its error, e.g. "battery_low")
  kNoReply,       // no reply after the last attempt
  kNotConfirmed,  // ok:true without "poweroff_ok":true
  kPinFailed,     // the poweroff_ok GPIO could not be set
  kActionFailed,  // the shutdown could not be started (the GPIO is set low again)
  kBusy,          // a handshake was already running
};
const char* to_string(PoweroffOutcome outcome);

struct PoweroffResult {
  PoweroffOutcome outcome = PoweroffOutcome::kNoReply;
  std::string detail;  // the MCU's error, or what went wrong

  bool ok() const { return outcome == PoweroffOutcome::kPoweringOff; }
  // One sentence for a person: "the MCU refused: battery_low".
  std::string describe() const;
};

struct PoweroffPorts {
  OutputPin& poweroff_ok_pin;
  PowerAction& power;
};

class PoweroffHandshake {
 public:
  // The client and the ports must outlive the handshake.
  PoweroffHandshake(SupvClient& client, PoweroffPorts ports) : client_(client), ports_(ports) {}
  ~PoweroffHandshake();
  PoweroffHandshake(const PoweroffHandshake&) = delete;
  PoweroffHandshake& operator=(const PoweroffHandshake&) = delete;

  // Sends arm_poweroff (with the client's retries); on_done runs once with the result.
  void start(std::function<void(const PoweroffResult&)> on_done);
  bool running() const { return running_; }

 private:
  PoweroffResult on_reply(const RequestOutcome& outcome);

  SupvClient& client_;
  PoweroffPorts ports_;
  bool running_ = false;
  std::string request_id_;
};

}  // namespace hil::supervisor
