// The supervisor MCU's UART input: lines framed, parsed and answered per second on the simulated
// board (replies go to the Pi's end of the wire and are counted, not kept). The mix is what a Pi
// sends in practice plus noise: get_status, ping and garbage (a console or a cut line) in equal
// parts.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sim/supervisor/sim_supervisor_board.h"
#include "sim/time/virtual_scheduler.h"

namespace {

const std::string kGetStatus = "{\"id\":\"4\",\"cmd\":\"get_status\"}\n";
const std::string kPing = "{\"id\":\"17\",\"cmd\":\"ping\",\"source\":\"tui\"}\n";
const std::string kGarbage = "[   12.345678] brcmfmac: F1 signature read @0x18000000=0x15264345\n";

std::string batch_of(const std::vector<const std::string*>& kinds, int lines) {
  std::string batch;
  for (int i = 0; i < lines; ++i) batch += *kinds[static_cast<std::size_t>(i) % kinds.size()];
  return batch;
}

void BM_McuLines(benchmark::State& state, std::vector<const std::string*> kinds) {
  constexpr int kLinesPerBatch = 300;
  hil::sim::VirtualScheduler scheduler;
  hil::sim::SimSupervisorOptions options;
  options.mcu.watchdog_timeout = hil::core::Micros(0);  // no watchdog event on the first request
  hil::sim::SimSupervisorBoard board(scheduler, options);
  std::uint64_t reply_bytes = 0;
  board.set_on_pi_bytes([&](std::string_view bytes) { reply_bytes += bytes.size(); });
  board.boot();
  const std::string batch = batch_of(kinds, kLinesPerBatch);
  for (auto _ : state) {
    board.pi_write(batch);
    benchmark::DoNotOptimize(reply_bytes);
  }
  state.SetItemsProcessed(state.iterations() * kLinesPerBatch);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(batch.size()));
  state.counters["reply_bytes_per_line"] =
      static_cast<double>(reply_bytes) / static_cast<double>(state.iterations() * kLinesPerBatch);
}
BENCHMARK_CAPTURE(BM_McuLines, mix, {&kGetStatus, &kPing, &kGarbage});
BENCHMARK_CAPTURE(BM_McuLines, get_status, {&kGetStatus});
BENCHMARK_CAPTURE(BM_McuLines, ping, {&kPing});
BENCHMARK_CAPTURE(BM_McuLines, garbage, {&kGarbage});

}  // namespace

BENCHMARK_MAIN();
