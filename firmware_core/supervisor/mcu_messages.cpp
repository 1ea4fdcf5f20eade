// The lines the supervisor MCU writes on its UART.
#include "firmware_core/supervisor/mcu_messages.h"

namespace hil::supervisor {
namespace {

McuJson event(const char* name) {
  McuJson out = McuJson::object();
  out["event"] = name;
  return out;
}

}  // namespace

std::string to_line(const McuJson& doc) {
  return doc.dump(-1, ' ', false, McuJson::error_handler_t::replace);
}

std::string telemetry_event(const Telemetry& telemetry) {
  McuJson out = event("telemetry");
  out.update(to_json(telemetry));
  return to_line(out);
}

std::string switch_event(const SwitchStates& switches) {
  McuJson out = event("switch");
  out["switch"] = to_json(switches);
  return to_line(out);
}

std::string heltec_event(RadioStatus status) {
  McuJson out = event("heltec");
  out["heltec"] = to_string(status);
  return to_line(out);
}

std::string watchdog_event(WatchdogState state, std::int64_t uptime_s) {
  McuJson out = event("watchdog");
  out["state"] = to_string(state);
  out["uptime_s"] = uptime_s;
  return to_line(out);
}

McuJson status_object(const Telemetry& telemetry, const SwitchStates& switches, RadioStatus radio,
                      std::string_view firmware) {
  McuJson out = to_json(telemetry);
  out["switch"] = to_json(switches);
  out["heltec"] = to_string(radio);
  out["mcu"] = std::string(firmware);
  return out;
}

}  // namespace hil::supervisor
