// In-process throughput of the stepper node: console commands, MQTT envelopes, and virtual-time
// speed with eight motors moving continuously.
#include <benchmark/benchmark.h>

#include "sim/rigs/virtual_stepper_rig.h"

namespace {

using hil::sim::VirtualStepperRig;

VirtualStepperRig& booted(VirtualStepperRig& rig) {
  rig.advance_ms(2000);
  rig.take_published();
  return rig;
}

// A console query: parse, dispatch, render the DONE line.
void BM_SerialGetSpeed(benchmark::State& state) {
  VirtualStepperRig rig;
  booted(rig);
  for (auto _ : state) benchmark::DoNotOptimize(rig.serial("GET SPEED"));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SerialGetSpeed);

// A console MOVE of one motor to alternating ends, run to its DONE (ACK, motion, DONE, telemetry).
void BM_SerialMoveToDone(benchmark::State& state) {
  VirtualStepperRig rig;
  booted(rig);
  rig.serial("SET THERMAL_LIMITING=OFF");
  bool out = true;
  for (auto _ : state) {
    benchmark::DoNotOptimize(rig.serial(out ? "MOVE:0,1200" : "MOVE:0,-1200"));
    benchmark::DoNotOptimize(rig.advance_ms(700));
    rig.take_published();
    out = !out;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SerialMoveToDone);

// An MQTT envelope: JSON parse, dispatch, JSON response published (duplicate cache included).
void BM_MqttEnvelopeGet(benchmark::State& state) {
  VirtualStepperRig rig;
  booted(rig);
  std::uint64_t n = 0;
  for (auto _ : state) {
    const std::string payload = R"({"cmd_id":"bench-)" + std::to_string(n++) +
                                R"(","action":"GET","params":{"resource":"SPEED"}})";
    benchmark::DoNotOptimize(rig.mqtt(payload));
    rig.take_published();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MqttEnvelopeGet);

// Eight motors sweeping end to end without pause for one simulated minute per iteration;
// the counter sim_s_per_wall_s is the speed-up over real time.
void BM_VirtualTimeEightMotors(benchmark::State& state) {
  VirtualStepperRig rig;
  booted(rig);
  rig.serial("SET THERMAL_LIMITING=OFF");
  bool out = true;
  std::int64_t simulated_ms = 0;
  for (auto _ : state) {
    const std::int64_t end = rig.now_ms() + 60000;
    while (rig.now_ms() < end) {
      rig.serial(out ? "MOVE:ALL,1200" : "MOVE:ALL,-1200");
      out = !out;
      rig.advance_ms(850);  // 2400 steps at 4000 steps/s with 16000 steps/s^2 ramps
      rig.take_published();
    }
    simulated_ms += 60000;
  }
  state.counters["sim_s_per_wall_s"] =
      benchmark::Counter(static_cast<double>(simulated_ms) / 1000.0, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VirtualTimeEightMotors)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
