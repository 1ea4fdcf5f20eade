// The rest of the simulated ESP32 audio board: heap and RSSI it reports, its LED and its restart.
#pragma once

#include <cstdint>
#include <vector>

#include "firmware_core/audio/device_ports.h"

namespace hil::sim {

using audio::BoardInfo;
using audio::Restarter;
using audio::StatusLed;

class SimAudioBoard : public BoardInfo, public StatusLed, public Restarter {
 public:
  std::int64_t heap_free() override { return heap; }
  std::int64_t wifi_rssi() override { return rssi; }
  void set_color(std::uint8_t r, std::uint8_t g, std::uint8_t b) override { color = {r, g, b}; }
  void reboot() override { ++reboots; }

  std::int64_t heap = 50123;
  std::int64_t rssi = -55;
  std::vector<int> color;
  int reboots = 0;
};

}  // namespace hil::sim
