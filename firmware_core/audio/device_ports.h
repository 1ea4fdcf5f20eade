// The audio device's board ports beside the shared ones (scheduler, WebSocket client, microphone,
// speaker): what it reports in client_status, its LED, and its restart.
#pragma once

#include <cstdint>

#include "firmware_core/ports/audio_sink.h"
#include "firmware_core/ports/audio_source.h"
#include "firmware_core/ports/scheduler.h"
#include "firmware_core/ports/websocket.h"

namespace hil::audio {

// Readings of the board for client_status.
class BoardInfo {
 public:
  virtual ~BoardInfo() = default;
  // Free heap in bytes (esp_get_free_heap_size on the ESP32).
  virtual std::int64_t heap_free() = 0;
  // The received signal strength of the joined network in dBm (negative).
  virtual std::int64_t wifi_rssi() = 0;
};

// The RGB status LED.
class StatusLed {
 public:
  virtual ~StatusLed() = default;
  virtual void set_color(std::uint8_t r, std::uint8_t g, std::uint8_t b) = 0;
};

// The chip's software reset (esp_restart): the firmware stops here and boots afresh.
class Restarter {
 public:
  virtual ~Restarter() = default;
  virtual void reboot() = 0;
};

// Everything the device is wired to; each must outlive it.
struct AudioDevicePorts {
  core::Scheduler& scheduler;
  core::WsClient& socket;
  core::AudioSource& microphone;
  core::AudioSink& speaker;
  BoardInfo& board;
  StatusLed& led;
  Restarter& restarter;
};

}  // namespace hil::audio
