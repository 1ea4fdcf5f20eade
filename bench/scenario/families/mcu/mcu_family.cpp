// The supervisor MCU's row: the board beside a Raspberry Pi (battery, switches, radio, boot
// watchdog) speaking JSON lines on its UART.
#include "bench/scenario/families/mcu/mcu_sim_process.h"
#include "bench/scenario/families/mcu/sim_mcu_device.h"
#include "bench/scenario/family.h"

namespace hil::scenario {
namespace {

constexpr double kMaxBaud = 10'000'000;

std::optional<RemoteProfile> remote_profile(const DeviceSpec&, const RemoteConnection&,
                                            std::string&) {
  RemoteProfile profile;  // JSON lines on its serial link only
  profile.kind = "mcu";
  return profile;
}

// Its UART speaks JSON lines only: a tty whose first line is a JSON object is an MCU.
std::optional<HeardTopic> claim_line(const std::string& name, std::string_view line) {
  if (line.empty() || line.front() != '{') return std::nullopt;
  return HeardTopic{name, nlohmann::json::object(), false, ""};
}

}  // namespace

Family mcu_family() {
  const sim::SimSupervisorOptions defaults;
  const auto watchdog_s =
      std::chrono::duration_cast<std::chrono::seconds>(defaults.mcu.watchdog_timeout).count();
  Family row;
  row.kind = "mcu";
  row.aliases = {"supervisor"};
  row.summary =
      "the supervisor MCU beside a Raspberry Pi: battery, switches, radio and a boot watchdog on a "
      "UART";
  row.options = {
      number_option("battery_pct", "the pack's charge at start, %", 0, 100, defaults.pack.soc_pct),
      bool_option("charger", "the charger plugged in at start", defaults.pack.charger_online),
      integer_option("line_rate", "the UART's baud rate (10 bits a byte); 0: bytes cross at once",
                     0, kMaxBaud, defaults.line_rate_baud),
      integer_option("watchdog_s", "the boot watchdog, s (0: none)", 0,
                     std::numeric_limits<double>::infinity(), watchdog_s),
      integer_option("poweroff_min_battery_pct", "below this charge a power-off is refused, %", 0,
                     100, defaults.mcu.poweroff_min_battery_pct),
  };
  row.links = {{"serial", LinkShape::kLines, "the UART as the Pi sees it: JSON lines both ways"}};
  row.settings = {{"switch", "{lte: false, wifi: true, ...}",
                   "switches by name (charger_online plugs the charger)"},
                  {"battery", "{pct: P, charger: B, load_ma: I}", "the pack (any of the three)"},
                  {"charger", "true|false", "the charger plugged in or out"},
                  {"message", "{from: NODE}", "a mesh message arrives"},
                  {"radio", "ok|fault|disconnected", "the LoRa radio's state"},
                  {"unplug_ms", "MS", "the UART cable out for MS, then back"},
                  {"unplug", "true", "the UART cable out"},
                  {"plug", "true", "the UART cable back in"},
                  {"mcu_temp_c", "C", "the MCU's temperature"},
                  {"heartbeat", "true|false", "the Pi's heartbeat GPIO (false: the Pi halted)"},
                  {"power_button", "true", "the power button (powers the Pi after a cut)"}};
  row.make = [](const DeviceSpec& spec, SimContext& context, DeviceOutput output,
                std::string& error) -> std::unique_ptr<Device> {
    return SimMcuDevice::create(spec.name, spec.options, context.scheduler, std::move(output),
                                error);
  };
  row.remote = {Need::kRequired, Need::kNo, remote_profile};
  row.record = {{}, nullptr, claim_line, nullptr};
  row.process = {"--serial pty|PATH [--line-rate] [--watchdog-s S]", run_mcu_sim_process};
  return row;
}

}  // namespace hil::scenario
