// The Pi's supervisor client: MCU lines parsed and merged per second (telemetry events, switch
// events, get_status replies, as whole lines and in the small chunks a USB UART delivers), and the
// time from a switch event's bytes arriving to the merged state's change callback (virtual time,
// in process: no scheduler step lies between them, so this is CPU time alone).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "firmware_core/supervisor/supv_client.h"
#include "sim/common/captured_links.h"
#include "sim/time/virtual_scheduler.h"

namespace {

using hil::supervisor::SupvClient;
using hil::supervisor::SupvState;

const std::string kTelemetry =
    R"({"event":"telemetry","battery_pct":78,"pack_mv":11750,"pack_ma":-420,"mcu_temp_c":36.5,)"
    R"("unread_ext":0,"last_msg_age_s":12,"uptime_s":345})"
    "\n";
const std::string kSwitchOn =
    R"({"event":"switch","switch":{"lte":true,"wifi":false,"bt":true,"bridge_enable":true,)"
    R"("lid_open":false,"charger_online":true}})"
    "\n";
const std::string kSwitchOff =
    R"({"event":"switch","switch":{"lte":false,"wifi":false,"bt":true,"bridge_enable":true,)"
    R"("lid_open":false,"charger_online":true}})"
    "\n";

struct Rig {
  hil::sim::VirtualScheduler scheduler;
  hil::sim::CapturedConsole uart;
  hil::sim::CapturedConsole log;
  SupvClient client{{scheduler, uart, log}};

  Rig() {
    uart.on_line = [](std::string_view) {};
    log.on_line = [](std::string_view) {};
  }
};

// Feeds `lines` (one or more whole lines) in chunks of `chunk` bytes; counts lines and bytes.
void feed_repeatedly(benchmark::State& state, const std::string& lines, std::size_t chunk) {
  Rig rig;
  for (auto _ : state) {
    for (std::size_t at = 0; at < lines.size(); at += chunk) {
      rig.client.on_bytes(std::string_view(lines).substr(at, chunk));
    }
  }
  const auto per_feed = std::count(lines.begin(), lines.end(), '\n');
  state.SetItemsProcessed(state.iterations() * per_feed);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(lines.size()));
}

void BM_TelemetryEvent(benchmark::State& state) {
  feed_repeatedly(state, kTelemetry, static_cast<std::size_t>(state.range(0)));
}
BENCHMARK(BM_TelemetryEvent)->Arg(4096)->Arg(16);

void BM_SwitchEvent(benchmark::State& state) {
  feed_repeatedly(state, kSwitchOn + kSwitchOff, static_cast<std::size_t>(state.range(0)));
}
BENCHMARK(BM_SwitchEvent)->Arg(4096)->Arg(16);

// A get_status request and its reply (status with the switches), as during a sync.
void BM_StatusReply(benchmark::State& state) {
  Rig rig;
  for (auto _ : state) {
    const std::string id = rig.client.request("get_status");
    rig.client.on_bytes(
        R"({"id":")" + id +
        R"(","ok":true,"status":{"battery_pct":78,"pack_mv":11750,"pack_ma":-420,)"
        R"("mcu_temp_c":36.5,"unread_ext":0,"last_msg_age_s":12,"uptime_s":345,)"
        R"("heltec":"ok","mcu":"proto-0.1","switch":{"lte":true,"wifi":false,)"
        R"("bt":true,"bridge_enable":true,"lid_open":false,"charger_online":true}}})"
        "\n");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StatusReply);

// From the first byte of a switch event to the change callback: wall time measured by hand, and
// the virtual time that passed (always 0 us: the client reacts within the same event).
void BM_SwitchEventToStateChange(benchmark::State& state) {
  Rig rig;
  std::chrono::steady_clock::time_point changed_at;
  hil::core::Micros changed_virtual{-1};
  rig.client.set_on_change([&](const SupvState&) {
    changed_at = std::chrono::steady_clock::now();
    changed_virtual = rig.scheduler.now();
  });
  bool on = false;
  std::int64_t virtual_us = 0;
  for (auto _ : state) {
    on = !on;
    const std::string& line = on ? kSwitchOn : kSwitchOff;
    const hil::core::Micros sent_virtual = rig.scheduler.now();
    const auto sent_at = std::chrono::steady_clock::now();
    rig.client.on_bytes(line);
    state.SetIterationTime(std::chrono::duration<double>(changed_at - sent_at).count());
    virtual_us = std::max<std::int64_t>(virtual_us, (changed_virtual - sent_virtual).count());
  }
  state.counters["virtual_latency_us"] = static_cast<double>(virtual_us);
}
BENCHMARK(BM_SwitchEventToStateChange)->UseManualTime();

}  // namespace

BENCHMARK_MAIN();
