// Fuzz target: arbitrary text frames at both ends of the audio family. The parser never fails
// silently (a message, or an error with a reason), what it parses writes back to itself, and a
// frame the service or the board refuses is counted while the connection stays open and a good
// frame still works.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "firmware_core/audio/audio_device.h"
#include "firmware_core/audio/control_message.h"
#include "firmware_core/audio/esp32_service.h"
#include "sim/audio/memory_websocket.h"
#include "sim/audio/recording_speaker.h"
#include "sim/audio/scripted_microphone.h"
#include "sim/audio/sim_audio_board.h"
#include "sim/time/virtual_scheduler.h"

namespace {

using namespace std::chrono_literals;

void check(bool condition) {
  if (!condition) std::abort();
}

class NoLog : public hil::core::LineSink {
 public:
  void write_line(std::string_view) override {}
};

// What parse_control() made of `text` writes back to a frame that parses to the same message.
void check_round_trip(std::string_view text) {
  const hil::audio::ControlParse parsed = hil::audio::parse_control(text);
  if (!parsed.message) {
    check(!parsed.detail.empty());
    return;
  }
  const std::string again =
      std::visit([](const auto& message) { return hil::audio::to_text(message); }, *parsed.message);
  const hil::audio::ControlParse reparsed = hil::audio::parse_control(again);
  check(reparsed.message && *reparsed.message == *parsed.message);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_round_trip(text);

  hil::sim::VirtualScheduler scheduler;
  NoLog log;
  hil::audio::Esp32Service service({scheduler, log});
  hil::sim::MemoryWsServer server(service);
  hil::sim::ScriptedMicrophone mic(scheduler);
  hil::sim::RecordingSpeaker speaker(scheduler);
  hil::sim::SimAudioBoard board;
  std::unique_ptr<hil::audio::AudioDevice> device;
  // The board's socket reports to the board, made right after it.
  struct Forward : hil::core::WsEvents {
    hil::audio::AudioDevice* to = nullptr;
    void on_open(hil::core::WsConnection& c) override { to->on_open(c); }
    void on_text(hil::core::WsConnection& c, std::string_view t) override { to->on_text(c, t); }
    void on_binary(hil::core::WsConnection& c, std::string_view b) override { to->on_binary(c, b); }
    void on_pong(hil::core::WsConnection& c) override { to->on_pong(c); }
    void on_close(hil::core::WsConnection& c, hil::core::WsCloseCode code,
                  std::string_view r) override {
      to->on_close(c, code, r);
    }
  } forward;
  hil::sim::MemoryWsClient socket(scheduler, server, forward);
  device = std::make_unique<hil::audio::AudioDevice>(
      hil::audio::AudioDevicePorts{scheduler, socket, mic, speaker, board, board, board});
  forward.to = device.get();
  device->start();
  scheduler.advance(200ms);
  check(service.is_connected() && device->link() == hil::audio::DeviceLink::kOpen);

  const std::uint64_t errors_before = service.get_status().error_count;
  socket.send_text(text);  // as the board, to the service
  scheduler.advance(100ms);
  const bool service_refused = service.get_status().error_count > errors_before;
  const bool parsed = hil::audio::parse_control(text).message.has_value();
  check(service_refused || parsed);  // a frame it could not read is counted, never lost unseen
  check(service.is_connected());

  const std::uint64_t bad_before = device->stats().bad_messages;
  const bool is_reboot =
      parsed &&
      std::holds_alternative<hil::audio::ServerCommand>(*hil::audio::parse_control(text).message) &&
      std::holds_alternative<hil::audio::Reboot>(
          std::get<hil::audio::ServerCommand>(*hil::audio::parse_control(text).message));
  if (!is_reboot) {
    device->on_text(socket, text);  // as the service, to the board
    check(device->stats().bad_messages > bad_before || parsed);
    check(device->link() == hil::audio::DeviceLink::kOpen);
    check(service.send_command(hil::audio::PlayTone{"ack"}));
    scheduler.advance(1s);
    check(!speaker.played().empty() || device->stats().overruns > 0);
  }
  device.reset();  // its timers go while the clock is there
  return 0;
}
