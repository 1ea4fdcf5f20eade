// The supervisor board and the Pi's client on one virtual clock.
#include "sim/rigs/virtual_supervisor_rig.h"

namespace hil::sim {

VirtualSupervisorRig::VirtualSupervisorRig(SimSupervisorOptions options)
    : board_(std::make_unique<SimSupervisorBoard>(clock_, std::move(options))) {
  board_->set_on_pi_bytes([this](std::string_view bytes) {
    if (client_) client_->on_bytes(bytes);
    framer_.feed(bytes, [this](std::string_view line) {
      lines_.push_back({clock_.now().count(), std::string(line)});
    });
  });
  board_->boot();
  clock_.run_due();
}

VirtualSupervisorRig::~VirtualSupervisorRig() {
  handshake_.reset();  // timers go while the clock still exists
  client_.reset();
  board_.reset();
}

void VirtualSupervisorRig::pi_write_line(std::string_view line) {
  board_->pi_write(std::string(line) + "\n");
}

supervisor::SupvClient& VirtualSupervisorRig::attach_client(supervisor::SupvClientOptions options) {
  if (!client_) {
    client_ = std::make_unique<supervisor::SupvClient>(
        supervisor::SupvClientPorts{clock_, pi_uart_, client_log_}, options);
    client_->on_link_opened();
    clock_.run_due();
  }
  return *client_;
}

void VirtualSupervisorRig::start_poweroff() {
  if (!handshake_)
    handshake_ = std::make_unique<supervisor::PoweroffHandshake>(
        attach_client(), supervisor::PoweroffPorts{pin_, action_});
  poweroff_result_.reset();
  handshake_->start(
      [this](const supervisor::PoweroffResult& result) { poweroff_result_ = result; });
  clock_.run_due();
}

}  // namespace hil::sim
