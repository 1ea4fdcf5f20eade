// The application hook of the host service (the plan's AppLogic): what the service tells the
// application. The application answers through the service's own calls (play_audio, send_command,
// send_status, ...), all safe to make from inside these.
#pragma once

#include "firmware_core/audio/control_message.h"
#include "firmware_core/audio/pcm.h"

namespace hil::audio {

class Esp32Service;

class AppLogic {
 public:
  virtual ~AppLogic() = default;
  // Microphone audio that passed the streaming gate, in arrival order, one call per frame.
  virtual void on_microphone(Esp32Service& service, PcmView samples) = 0;
  // Every valid event frame of the device (button presses, playback_complete, ...).
  virtual void on_device_event(Esp32Service& service, const DeviceEvent& event) = 0;
  // A device became the service's client, or stopped being it.
  virtual void on_connected(Esp32Service& service) = 0;
  virtual void on_disconnected(Esp32Service& service) = 0;
};

}  // namespace hil::audio
