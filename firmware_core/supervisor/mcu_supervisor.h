// The supervisor MCU's firmware: the UART JSON-lines protocol to the Raspberry Pi, telemetry, the
// switch and radio events, the unread counter, the boot watchdog and the power-off handshake.
// Protocol: shared/specs/supervisor-mcu-protocol.md and the "Supervisor MCU" part of
// behaviour-notes.md; docs/supervisor.md says what this firmware decided where they are silent.
//
// Inputs: UART bytes (framed by LineFramer), interrupts from the board (on_switches_changed,
// on_radio_status_changed, on_mesh_message, on_pi_heartbeat, on_power_button) and its own timers.
// Outputs: lines through the UART port and calls on the power and reset ports. It reads the
// battery gauge and temperature sensor every sample_interval and whenever it reports.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware_core/ports/scheduler.h"
#include "firmware_core/supervisor/line_framer.h"
#include "firmware_core/supervisor/mcu_boot_watchdog.h"
#include "firmware_core/supervisor/mcu_ports.h"
#include "firmware_core/supervisor/mcu_request.h"
#include "firmware_core/supervisor/mcu_telemetry_policy.h"
#include "firmware_core/supervisor/mcu_values.h"

namespace hil::supervisor {

struct McuOptions {
  std::string firmware = "proto-0.1";  // the `mcu` field of get_status
  core::Micros telemetry_period = std::chrono::milliseconds(2000);
  // Battery and temperature are read this often; a change that is news (mcu_telemetry_policy.h)
  // is reported at the read that sees it. Reads run on a grid from boot and the periodic event
  // goes at the first read due at or after its time: keep the period a multiple of this.
  core::Micros sample_interval = std::chrono::milliseconds(250);
  // A change-triggered telemetry waits until this long after the previous telemetry, so a burst
  // of mesh messages gives a few events, not one per message.
  core::Micros min_change_gap = std::chrono::milliseconds(250);
  // The Pi must send its first request this soon after power-on or a reset; <= 0: no watchdog.
  core::Micros watchdog_timeout = std::chrono::seconds(120);
  // arm_poweroff is refused with "battery_low" below this charge (an unknown charge is not low).
  int poweroff_min_battery_pct = 20;
  ChangeThresholds change_thresholds;
};

// Diagnostics: what the UART brought and what became of it.
struct McuCounters {
  std::uint64_t lines = 0;        // complete lines received, overlong ones not included
  std::uint64_t requests = 0;     // lines with a `cmd`: each got exactly one reply
  std::uint64_t unknown_cmd = 0;  // requests refused with "unknown_cmd"
  std::uint64_t empty = 0;        // blank lines, ignored
  std::uint64_t not_json = 0;     // lines that are not JSON objects (garbage, arrays...), ignored
  std::uint64_t no_cmd = 0;       // objects without `cmd`, ignored
  std::uint64_t overlong = 0;     // lines over 512 bytes, dropped whole by the framer
  std::uint64_t events = 0;       // event lines sent
  std::uint64_t pi_resets = 0;    // boot watchdog resets
};

// The Pi's main power as the handshake drives it.
enum class PiPower {
  kOn,
  kPoweroffArmed,  // arm_poweroff accepted: waiting for the heartbeat to stop
  kOff,            // cut
};
const char* to_string(PiPower power);

class SupervisorMcu {
 public:
  SupervisorMcu(McuPorts ports, McuOptions options = {});
  ~SupervisorMcu();
  SupervisorMcu(const SupervisorMcu&) = delete;
  SupervisorMcu& operator=(const SupervisorMcu&) = delete;

  // Power-on (the MCU powers the Pi): a switch event, the watchdog armed (a watchdog event),
  // telemetry every telemetry_period from now.
  void boot();

  // Received UART bytes, in any chunking; complete lines are handled in order.
  void on_uart_bytes(std::string_view bytes);
  // One complete line without its '\n'.
  void on_uart_line(std::string_view line);
  // The RX line was held low (a break: the cable was pulled): a partial line is forgotten.
  void on_uart_break();

  // Interrupts of the board. Each reads its port and sends an event when the value differs from
  // the one last sent.
  void on_switches_changed();
  void on_radio_status_changed();
  // A mesh packet was seen: unread_ext + 1 and last_msg_age_s back to 0, reported at once.
  void on_mesh_message();
  // The Pi's heartbeat GPIO: driven while it runs, released when it halts (the spec's step 4).
  // Released after an accepted arm_poweroff, the Pi's power is cut.
  void on_pi_heartbeat(bool driven);
  // The power button: powers the Pi again after a cut (the watchdog re-arms); ignored otherwise.
  void on_power_button();

  // The telemetry fields read now.
  Telemetry sample();
  const McuCounters& counters() const { return counters_; }
  WatchdogState watchdog_state() const { return watchdog_.state(); }
  PiPower pi_power() const { return pi_power_; }
  std::uint32_t unread() const { return unread_; }
  const McuOptions& options() const { return options_; }
  // The commands of the table, in its order.
  static std::vector<std::string_view> command_names();

 private:
  // One row per command: its name and handler. A handler gets the reply with `id` and `ok:true`
  // set, and adds to it (or sets ok false and an error).
  struct CommandRow {
    std::string_view name;
    void (SupervisorMcu::*run)(McuJson& reply);
  };
  static const CommandRow kCommands[];  // mcu_commands.cpp
  static const CommandRow* find_command(std::string_view name);

  // Commands (mcu_commands.cpp).
  void run_get_status(McuJson& reply);
  void run_get_switches(McuJson& reply);
  void run_clear_unread(McuJson& reply);
  void run_arm_poweroff(McuJson& reply);
  void run_ping(McuJson& reply);
  void answer(const McuRequest& request);

  // Telemetry (mcu_telemetry.cpp).
  void tick();
  void send_telemetry(const Telemetry& telemetry);
  void report_if_news();

  void on_watchdog_expired();
  void arm_watchdog();
  void cut_pi_power();
  void send_event(const std::string& line);
  std::int64_t seconds_since(core::Micros then) const;

  McuPorts ports_;
  McuOptions options_;
  LineFramer framer_;
  BootWatchdog watchdog_;
  McuCounters counters_;
  bool booted_ = false;
  core::Micros boot_at_{0};
  std::uint32_t unread_ = 0;
  core::Micros last_msg_at_{0};  // the last mesh message, clear_unread, or boot
  SwitchStates sent_switches_;
  RadioStatus sent_radio_ = RadioStatus::kOk;
  PiPower pi_power_ = PiPower::kOn;
  bool heartbeat_driven_ = true;  // a powered Pi drives it
  bool unread_cleared_ = false;   // set by clear_unread: report after the reply
  core::TimerId tick_timer_ = 0;
  core::Micros tick_due_{0};
  core::Micros next_periodic_{0};
  Telemetry sent_telemetry_;  // the baseline of "news": last sent, or read at boot
  std::optional<core::Micros> sent_telemetry_at_;
};

}  // namespace hil::supervisor
