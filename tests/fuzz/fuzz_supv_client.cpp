// Fuzz target: arbitrary bytes from the supervisor MCU to the Pi's client (a reboot's noise, a
// line cut in half, a buggy firmware). Every line is counted once as what it was, every request
// the client writes is a JSON object with a string id and cmd, and the merged state stays well
// formed. Afterwards the client must still settle a request with its reply.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "firmware_core/supervisor/supv_client.h"
#include "sim/common/captured_links.h"
#include "sim/time/virtual_scheduler.h"

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

// The requests the client wrote, each checked for shape.
std::vector<nlohmann::json> requests(hil::sim::CapturedConsole& uart) {
  std::vector<nlohmann::json> out;
  for (const std::string& line : uart.take()) {
    auto doc = nlohmann::json::parse(line, nullptr, false);
    check(doc.is_object() && doc["id"].is_string() && doc["cmd"].is_string());
    check(line.find('\n') == std::string::npos);
    out.push_back(std::move(doc));
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hil::sim::VirtualScheduler scheduler;
  hil::sim::CapturedConsole uart;
  hil::sim::CapturedConsole log;
  log.on_line = [](std::string_view line) { check(!line.empty()); };
  hil::supervisor::SupvClient client({scheduler, uart, log});
  int changes = 0;
  client.set_on_change([&changes](const hil::supervisor::SupvState& state) {
    ++changes;
    // What `hilbench supv --json` prints of it: one line of valid JSON whatever the MCU sent.
    check(hil::supervisor::to_json(state).dump().find('\n') == std::string::npos);
  });
  client.on_link_opened();
  client.set_mesh_subscribed(true);
  check(requests(uart).size() == 2);  // the sync: get_status and get_switches

  client.on_bytes(std::string_view(reinterpret_cast<const char*>(data), size));
  const auto& stats = client.stats();
  check(stats.not_json + stats.unknown <= stats.lines);
  scheduler.advance(std::chrono::seconds(10));  // what was not answered fails by now
  requests(uart);
  check(client.pending_requests() == 0);

  // A half line is forgotten when the UART opens again; then a ping gets its reply.
  client.on_link_closed();
  client.on_link_opened();
  requests(uart);
  bool answered = false;
  const std::string id =
      client.request("ping", nullptr, [&answered](const hil::supervisor::RequestOutcome& outcome) {
        answered = outcome.ok && outcome.replied && outcome.reply["uptime_s"] == 7;
      });
  client.on_bytes("{\"id\":\"" + id + "\",\"ok\":true,\"uptime_s\":7}\n");
  check(answered);
  return 0;
}
