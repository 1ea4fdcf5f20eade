// The Pi's side of the power-off handshake.
#include "firmware_core/supervisor/host_poweroff.h"

#include <utility>

namespace hil::supervisor {

const char* to_string(PoweroffOutcome outcome) {
  switch (outcome) {
    case PoweroffOutcome::kPoweringOff:
      return "powering_off";
    case PoweroffOutcome::kRefused:
      return "refused";
    case PoweroffOutcome::kNoReply:
      return "no_reply";
    case PoweroffOutcome::kNotConfirmed:
      return "not_confirmed";
    case PoweroffOutcome::kPinFailed:
      return "gpio_failed";
    case PoweroffOutcome::kActionFailed:
      return "poweroff_failed";
    case PoweroffOutcome::kBusy:
      return "busy";
  }
  return "?";
}

std::string PoweroffResult::describe() const {
  switch (outcome) {
    case PoweroffOutcome::kPoweringOff:
      return "the MCU agreed: poweroff_ok set, powering off";
    case PoweroffOutcome::kRefused:
      return "the MCU refused: " + detail;
    case PoweroffOutcome::kNoReply:
      return "timed out: " + detail;
    case PoweroffOutcome::kNotConfirmed:
      return "the MCU replied without poweroff_ok: true";
    case PoweroffOutcome::kPinFailed:
      return "could not set the poweroff_ok GPIO";
    case PoweroffOutcome::kActionFailed:
      return "could not start the power-off (poweroff_ok set low again)";
    case PoweroffOutcome::kBusy:
      return "a power-off handshake is already running";
  }
  return detail;
}

PoweroffHandshake::~PoweroffHandshake() {
  if (running()) client_.cancel(request_id_);
}

void PoweroffHandshake::start(std::function<void(const PoweroffResult&)> on_done) {
  if (running()) {
    if (on_done) on_done(PoweroffResult{PoweroffOutcome::kBusy, {}});
    return;
  }
  running_ = true;
  std::string id = client_.request(
      "arm_poweroff", nullptr, [this, on_done = std::move(on_done)](const RequestOutcome& outcome) {
        running_ = false;
        request_id_.clear();
        const PoweroffResult result = on_reply(outcome);
        if (on_done) on_done(result);
      });
  if (running_) request_id_ = std::move(id);  // unless a port answered at once
}

PoweroffResult PoweroffHandshake::on_reply(const RequestOutcome& outcome) {
  if (!outcome.replied) return {PoweroffOutcome::kNoReply, outcome.error};
  if (!outcome.ok) return {PoweroffOutcome::kRefused, outcome.error};
  const auto confirmed = outcome.reply.find("poweroff_ok");
  if (confirmed == outcome.reply.end() || !confirmed->is_boolean() || !confirmed->get<bool>()) {
    return {PoweroffOutcome::kNotConfirmed, {}};
  }
  if (!ports_.poweroff_ok_pin.set(true)) return {PoweroffOutcome::kPinFailed, {}};
  if (!ports_.power.power_off()) {
    ports_.poweroff_ok_pin.set(false);  // the Pi stays up: the MCU must not cut its power
    return {PoweroffOutcome::kActionFailed, {}};
  }
  return {PoweroffOutcome::kPoweringOff, {}};
}

}  // namespace hil::supervisor
