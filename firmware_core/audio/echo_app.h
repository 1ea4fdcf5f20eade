// The `echo` responder: plays back to the device what its microphone sent, as it arrives.
#pragma once

#include "firmware_core/audio/app_logic.h"
#include "firmware_core/audio/esp32_service.h"

namespace hil::audio {

class EchoApp : public AppLogic {
 public:
  void on_microphone(Esp32Service& service, PcmView samples) override {
    service.play_audio(samples);
  }
  void on_device_event(Esp32Service&, const DeviceEvent&) override {}
  void on_connected(Esp32Service&) override {}
  void on_disconnected(Esp32Service&) override {}
};

}  // namespace hil::audio
