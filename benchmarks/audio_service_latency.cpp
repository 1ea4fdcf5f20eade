// Service-added latency inside the process: the host service (Esp32Service on the real WsServer,
// its own thread) with a probe app that stamps each microphone frame as the app gets it and queues
// it straight back for playback, and a Beast client (bench/io/ws_client, another thread) that
// sends a 3200-byte frame every 100 ms (real time, so the paced queue never holds one) and stamps
// the echo. One steady clock for all, so the round trip splits into its two legs:
//   up:   client send -> app callback (client write, loopback, server read, dispatch, decode)
//   down: app enqueue -> client receipt (pacer, encode, server write, loopback, client read)
// Each leg is an upper bound on the service's part of it. Usage: audio_service_latency [FRAMES]
#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "bench/io/asio_scheduler.h"
#include "bench/io/scheduled_ws_events.h"
#include "bench/io/ws_client.h"
#include "bench/io/ws_server.h"
#include "firmware_core/audio/app_logic.h"
#include "firmware_core/audio/esp32_service.h"

namespace {

using Clock = std::chrono::steady_clock;
using hil::audio::Esp32Service;
using hil::audio::PcmView;

constexpr std::size_t kFrameBytes = 3200;
constexpr auto kPeriod = std::chrono::milliseconds(100);

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

// The frame's number, in its first four samples (eight bytes, little-endian).
std::uint64_t sequence_of(const std::uint8_t* bytes) {
  std::uint64_t seq = 0;
  for (int i = 7; i >= 0; --i) seq = (seq << 8) | bytes[i];
  return seq;
}

class NullLog : public hil::core::LineSink {
 public:
  void write_line(std::string_view) override {}
};

// Stamps each frame as the app gets it, then queues it back, as the echo app does.
class ProbeApp : public hil::audio::AppLogic {
 public:
  explicit ProbeApp(std::size_t frames) : called_at(frames, -1), enqueued_at(frames, -1) {}
  void on_microphone(Esp32Service& service, PcmView samples) override {
    const std::int64_t at = now_ns();
    const auto seq = sequence_of(reinterpret_cast<const std::uint8_t*>(samples.data));
    if (seq < called_at.size()) called_at[seq] = at;
    if (seq < enqueued_at.size()) enqueued_at[seq] = now_ns();
    service.play_audio(samples);
  }
  void on_device_event(Esp32Service&, const hil::audio::DeviceEvent&) override {}
  void on_connected(Esp32Service&) override {}
  void on_disconnected(Esp32Service&) override {}

  std::vector<std::int64_t> called_at;
  std::vector<std::int64_t> enqueued_at;
};

// The device's end: stamps each echo as it arrives.
class ProbeClient : public hil::core::WsEvents {
 public:
  explicit ProbeClient(std::size_t frames) : received_at(frames, -1) {}
  void on_open(hil::core::WsConnection&) override { open = true; }
  void on_text(hil::core::WsConnection&, std::string_view) override {}
  void on_binary(hil::core::WsConnection&, std::string_view bytes) override {
    const std::int64_t at = now_ns();
    const auto seq = sequence_of(reinterpret_cast<const std::uint8_t*>(bytes.data()));
    if (seq < received_at.size()) received_at[seq] = at;
    ++received;
  }
  void on_pong(hil::core::WsConnection&) override {}
  void on_close(hil::core::WsConnection&, hil::core::WsCloseCode, std::string_view) override {
    open = false;
  }

  bool open = false;
  std::size_t received = 0;
  std::vector<std::int64_t> received_at;
};

void report(const char* leg, std::vector<double> us) {
  if (us.empty()) {
    std::printf("%s: no samples\n", leg);
    return;
  }
  std::sort(us.begin(), us.end());
  const auto at = [&](double p) {
    return us[static_cast<std::size_t>(p * static_cast<double>(us.size() - 1))];
  };
  std::printf("%s: %zu frames, p50 %.0f us, p99 %.0f us, max %.0f us\n", leg, us.size(), at(0.5),
              at(0.99), us.back());
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t frames = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 600;
  boost::asio::io_context server_io;
  hil::bench::AsioScheduler scheduler(server_io);
  NullLog log;
  Esp32Service service({scheduler, log});
  ProbeApp app(frames);
  service.set_app(&app);
  service.start_audio_streaming();
  hil::bench::ScheduledWsEvents events(scheduler, service);
  hil::bench::WsServerOptions options;
  options.port = 0;
  hil::bench::WsServer server(server_io, options);
  server.route("/ws", events);
  std::string error;
  if (!server.start(error)) {
    std::fprintf(stderr, "audio_service_latency: %s\n", error.c_str());
    return 1;
  }
  const auto work = boost::asio::make_work_guard(server_io);
  std::thread server_thread([&] { server_io.run(); });

  boost::asio::io_context client_io;
  ProbeClient probe(frames);
  hil::bench::WsClient client(client_io, probe);
  client.connect("ws://127.0.0.1:" + std::to_string(server.port()) + "/ws");
  while (!probe.open) client_io.run_one_for(std::chrono::milliseconds(100));
  std::vector<std::int64_t> sent_at(frames, -1);
  std::string frame(kFrameBytes, '\0');
  const auto start = Clock::now() + kPeriod;
  for (std::size_t seq = 0; seq < frames; ++seq) {
    const auto due = start + kPeriod * static_cast<int>(seq);
    while (Clock::now() < due) client_io.run_one_until(due);
    for (int i = 0; i < 8; ++i) frame[i] = static_cast<char>((seq >> (8 * i)) & 0xff);
    sent_at[seq] = now_ns();
    client.send_binary(frame);
  }
  const auto drain_until = Clock::now() + std::chrono::seconds(1);
  while (probe.received < frames && Clock::now() < drain_until)
    client_io.run_one_until(drain_until);
  client.close(hil::core::kWsGoingAway, "done");
  server_io.stop();
  server_thread.join();

  std::vector<double> up, down, round_trip;
  for (std::size_t seq = 0; seq < frames; ++seq) {
    if (app.called_at[seq] >= 0) up.push_back((app.called_at[seq] - sent_at[seq]) / 1e3);
    if (probe.received_at[seq] < 0) continue;
    down.push_back((probe.received_at[seq] - app.enqueued_at[seq]) / 1e3);
    round_trip.push_back((probe.received_at[seq] - sent_at[seq]) / 1e3);
  }
  report("up: client send -> app callback", up);
  report("down: app enqueue -> client receipt", down);
  report("round trip", round_trip);
  std::printf("frames not echoed: %zu of %zu\n", frames - round_trip.size(), frames);
  return 0;
}
