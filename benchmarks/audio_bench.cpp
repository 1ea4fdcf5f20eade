// Virtual-time speed of the audio family in process: simulated ESP32s streaming their microphones
// to the host service's echo app and playing the echo, each pair joined by sim/audio's in-memory
// WebSocket on one VirtualScheduler. The counter x_real_time is virtual seconds per wall second.
#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

#include "firmware_core/audio/audio_device.h"
#include "firmware_core/audio/echo_app.h"
#include "firmware_core/audio/esp32_service.h"
#include "sim/audio/memory_websocket.h"
#include "sim/audio/recording_speaker.h"
#include "sim/audio/scripted_microphone.h"
#include "sim/audio/sim_audio_board.h"
#include "sim/time/virtual_scheduler.h"

namespace {

using namespace std::chrono_literals;
using hil::sim::VirtualScheduler;

// The service's log lines are not what is measured.
class NullLog : public hil::core::LineSink {
 public:
  void write_line(std::string_view) override {}
};

// One device and its own service with the echo app (a microphone of silence costs what any does).
struct EchoStream {
  explicit EchoStream(VirtualScheduler& scheduler)
      : service({scheduler, log}),
        server(service),
        mic(scheduler),
        speaker(scheduler),
        socket(scheduler, server, device),
        device({scheduler, socket, mic, speaker, board, board, board}) {
    service.set_app(&echo);
    service.start_audio_streaming();
    speaker.keep_output();  // handed over each second below, so a long run keeps nothing
    device.start();
  }

  NullLog log;
  hil::audio::EchoApp echo;
  hil::audio::Esp32Service service;
  hil::sim::MemoryWsServer server;
  hil::sim::ScriptedMicrophone mic;
  hil::sim::RecordingSpeaker speaker;
  hil::sim::SimAudioBoard board;
  hil::sim::MemoryWsClient socket;
  hil::audio::AudioDevice device;
};

// state.range(0) streams on one scheduler, one virtual minute per iteration.
void BM_EchoStreamsVirtualTime(benchmark::State& state) {
  VirtualScheduler scheduler;
  std::vector<std::unique_ptr<EchoStream>> streams;
  for (std::int64_t i = 0; i < state.range(0); ++i)
    streams.push_back(std::make_unique<EchoStream>(scheduler));
  std::int64_t virtual_s = 0;
  for (auto _ : state) {
    for (int second = 0; second < 60; ++second) {
      scheduler.advance(1s);
      for (const auto& stream : streams) benchmark::DoNotOptimize(stream->speaker.take_output());
    }
    virtual_s += 60;
  }
  std::uint64_t sent = 0;
  std::uint64_t echoed = 0;
  for (const auto& stream : streams) {
    sent += stream->device.stats().mic_frames_sent;
    echoed += stream->device.stats().frames_received;
  }
  const auto count = static_cast<double>(state.range(0));
  state.counters["x_real_time"] =
      benchmark::Counter(static_cast<double>(virtual_s), benchmark::Counter::kIsRate);
  state.counters["stream_s_per_wall_s"] =
      benchmark::Counter(static_cast<double>(virtual_s) * count, benchmark::Counter::kIsRate);
  // At most one frame per stream is in flight when the run stops.
  state.counters["frames_not_echoed"] = static_cast<double>(sent - echoed);
  state.counters["frames_echoed"] = static_cast<double>(echoed);
}
BENCHMARK(BM_EchoStreamsVirtualTime)
    ->Arg(1)
    ->Arg(100)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
