// Test rigs of the audio family on virtual time: the device against a recording server, the
// service against recording clients, and the two wired to each other through the in-memory pair.
#pragma once

#include <memory>

#include "firmware_core/audio/audio_device.h"
#include "firmware_core/audio/esp32_service.h"
#include "sim/audio/memory_websocket.h"
#include "sim/time/virtual_scheduler.h"
#include "tests/audio/audio_fakes.h"

namespace hil::audio::testing {

using namespace std::chrono_literals;

// A device with its fakes, dialing `server`.
struct DeviceUnderTest {
  DeviceUnderTest(sim::VirtualScheduler& scheduler, MemoryWsServer& server,
                  AudioDeviceOptions options = {})
      : mic(scheduler),
        speaker(scheduler),
        socket(scheduler, server, device),
        device({scheduler, socket, mic, speaker, board, board, board}, std::move(options)) {}

  ScriptedMicrophone mic;
  RecordingSpeaker speaker;
  FakeBoard board;
  MemoryWsClient socket;
  AudioDevice device;
};

// A test's own client of a server: every frame recorded.
struct RawClient {
  RawClient(sim::VirtualScheduler& scheduler, MemoryWsServer& server)
      : peer(scheduler), socket(scheduler, server, peer) {}
  RecordingPeer peer;
  MemoryWsClient socket;
};

// The device against a server that records and answers nothing.
struct DeviceRig {
  explicit DeviceRig(AudioDeviceOptions options = {}) : dut(scheduler, ws_server, options) {}
  // The server's end of the device's current connection.
  core::WsConnection& link() { return *server.connection; }

  sim::VirtualScheduler scheduler;
  RecordingPeer server{scheduler};
  MemoryWsServer ws_server{server};
  DeviceUnderTest dut;
};

// The service with its server; clients are added by the test.
struct ServiceRig {
  explicit ServiceRig(Esp32ServiceOptions options = {}) : service({scheduler, log}, options) {}
  std::unique_ptr<RawClient> connect_client() {
    auto client = std::make_unique<RawClient>(scheduler, ws_server);
    client->socket.connect("ws://127.0.0.1:8765/ws");
    scheduler.run_due();
    return client;
  }

  sim::VirtualScheduler scheduler;
  RecordingLog log;
  Esp32Service service;
  MemoryWsServer ws_server{service};
};

// The device and the service, connected through the in-memory pair.
struct LinkedRig {
  explicit LinkedRig(AudioDeviceOptions device_options = {},
                     Esp32ServiceOptions service_options = {})
      : service({scheduler, log}, service_options), dut(scheduler, ws_server, device_options) {}

  sim::VirtualScheduler scheduler;
  RecordingLog log;
  Esp32Service service;
  MemoryWsServer ws_server{service};
  DeviceUnderTest dut;
};

}  // namespace hil::audio::testing
