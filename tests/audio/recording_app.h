// An application hook that records what the service gave it.
#pragma once

#include <vector>

#include "firmware_core/audio/app_logic.h"

namespace hil::audio::testing {

class RecordingApp : public AppLogic {
 public:
  void on_microphone(Esp32Service&, PcmView samples) override {
    heard.insert(heard.end(), samples.begin(), samples.end());
    ++frames;
  }
  void on_device_event(Esp32Service&, const DeviceEvent& event) override {
    events.push_back(event);
  }
  void on_connected(Esp32Service&) override { ++connects; }
  void on_disconnected(Esp32Service&) override { ++disconnects; }

  std::vector<Sample> heard;
  int frames = 0;
  std::vector<DeviceEvent> events;
  int connects = 0;
  int disconnects = 0;
};

}  // namespace hil::audio::testing
