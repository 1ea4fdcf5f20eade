// Fuzz target: arbitrary bytes on the supervisor MCU's UART, as the Pi (or a loose wire) sends
// them. Every line the MCU writes must be a JSON object: an event, or a reply; each request (a
// line with a `cmd`) gets exactly one reply, a refusal says why, and the counters account for
// every line. Afterwards a ping must still be answered.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "firmware_core/supervisor/mcu_ports.h"
#include "firmware_core/supervisor/mcu_supervisor.h"
#include "sim/time/virtual_scheduler.h"

namespace {

using hil::supervisor::BatteryReading;
using hil::supervisor::RadioStatus;
using hil::supervisor::SwitchStates;

void check(bool condition) {
  if (!condition) std::abort();
}

// The reference board's readings; it keeps the lines the MCU writes.
struct Board : hil::supervisor::BatteryGauge,
               hil::supervisor::TemperatureSensor,
               hil::supervisor::SwitchInputs,
               hil::supervisor::RadioMonitor,
               hil::supervisor::PowerControl,
               hil::supervisor::PiResetLine,
               hil::core::LineSink {
  BatteryReading read_battery() override { return {78, 11750, -420}; }
  double read_mcu_temp_c() override { return 36.5; }
  SwitchStates read_switches() override { return {true, false, true, true, false, true}; }
  RadioStatus read_radio_status() override { return RadioStatus::kOk; }
  void prepare_poweroff() override {}
  void cut_pi_power() override {}
  void restore_pi_power() override {}
  void pulse_reset() override {}
  void write_line(std::string_view line) override { lines.emplace_back(line); }

  std::vector<std::string> lines;
};

// The replies among the lines (events left out), each checked for shape.
std::vector<nlohmann::json> replies(const std::vector<std::string>& lines) {
  std::vector<nlohmann::json> out;
  for (const std::string& line : lines) {
    const auto doc = nlohmann::json::parse(line, nullptr, false);
    check(doc.is_object());
    if (doc.contains("event")) {
      check(doc["event"].is_string());
      continue;
    }
    check(doc.contains("ok") && doc["ok"].is_boolean());
    if (doc["ok"] == false) check(doc["error"].is_string() && !doc["error"].empty());
    out.push_back(doc);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hil::sim::VirtualScheduler scheduler;
  Board board;
  hil::supervisor::SupervisorMcu mcu({scheduler, board, board, board, board, board, board, board});
  mcu.boot();
  board.lines.clear();

  mcu.on_uart_bytes(std::string_view(reinterpret_cast<const char*>(data), size));
  scheduler.advance(std::chrono::seconds(3));
  const auto& counters = mcu.counters();
  check(replies(board.lines).size() == counters.requests);
  check(counters.lines == counters.requests + counters.empty + counters.not_json + counters.no_cmd);
  check(counters.unknown_cmd <= counters.requests);

  // A cut cable forgets any half line; then the Pi's ping gets its answer.
  mcu.on_uart_break();
  board.lines.clear();
  mcu.on_uart_bytes("{\"id\":\"after\",\"cmd\":\"ping\"}\n");
  const std::vector<nlohmann::json> answer = replies(board.lines);
  check(answer.size() == 1 && answer[0]["id"] == "after" && answer[0]["ok"] == true);
  return 0;
}
