// The supervisor family in one process on one virtual clock: a simulated supervisor board and,
// once attached, the Pi's SupvClient on the other end of its UART, with the GPIO and the poweroff
// action of the handshake recorded instead of performed. What hilbench.SupervisorMcu and
// hilbench.SupvClient drive from Python.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "firmware_core/supervisor/host_poweroff.h"
#include "firmware_core/supervisor/line_framer.h"
#include "firmware_core/supervisor/supv_client.h"
#include "sim/common/captured_links.h"
#include "sim/supervisor/sim_supervisor_board.h"
#include "sim/time/virtual_scheduler.h"

namespace hil::sim {

struct UartLine {
  std::int64_t time_us = 0;
  std::string text;
};

class VirtualSupervisorRig {
 public:
  // Boots the board at t = 0.
  explicit VirtualSupervisorRig(SimSupervisorOptions options = {});
  ~VirtualSupervisorRig();
  VirtualSupervisorRig(const VirtualSupervisorRig&) = delete;
  VirtualSupervisorRig& operator=(const VirtualSupervisorRig&) = delete;

  VirtualScheduler& clock() { return clock_; }
  SimSupervisorBoard& board() { return *board_; }
  void advance_ms(std::int64_t ms) { clock_.advance(std::chrono::milliseconds(ms)); }

  // Lines the MCU wrote (as the Pi's UART receives them) since the last take.
  std::vector<UartLine> take_lines() { return std::exchange(lines_, {}); }
  // A line the Pi writes (the newline is added).
  void pi_write_line(std::string_view line);

  // The Pi's client, attached once; it sees its UART open now (and syncs).
  supervisor::SupvClient& attach_client(supervisor::SupvClientOptions options = {});
  supervisor::SupvClient* client() { return client_.get(); }
  // What the client logged since the last take.
  std::vector<std::string> take_client_log() { return client_log_.take(); }

  // The handshake through the attached client; its result once it ends.
  void start_poweroff();
  const std::optional<supervisor::PoweroffResult>& poweroff_result() const {
    return poweroff_result_;
  }
  bool poweroff_ok_pin() const { return pin_.high; }
  int poweroff_actions() const { return action_.calls; }

 private:
  struct Pin : supervisor::OutputPin {
    bool set(bool level) override {
      high = level;
      return true;
    }
    bool high = false;
  };
  struct Action : supervisor::PowerAction {
    bool power_off() override {
      ++calls;
      return true;
    }
    int calls = 0;
  };
  struct PiUart : core::LineSink {
    explicit PiUart(VirtualSupervisorRig& rig) : rig(rig) {}
    void write_line(std::string_view line) override { rig.pi_write_line(line); }
    VirtualSupervisorRig& rig;
  };

  VirtualScheduler clock_;
  std::unique_ptr<SimSupervisorBoard> board_;
  supervisor::LineFramer framer_;
  std::vector<UartLine> lines_;
  PiUart pi_uart_{*this};
  CapturedConsole client_log_;
  Pin pin_;
  Action action_;
  std::unique_ptr<supervisor::SupvClient> client_;
  std::unique_ptr<supervisor::PoweroffHandshake> handshake_;
  std::optional<supervisor::PoweroffResult> poweroff_result_;
};

}  // namespace hil::sim
