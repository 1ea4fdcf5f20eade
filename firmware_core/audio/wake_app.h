// The `wake` responder: when the microphone carries the wake tone pair (wake_tone_detector.h) it
// sends server_status {"listening": true} and server_command play_tone "ack", then streams the
// reply PCM given by the caller; when the reply has played it sends {"listening": false}. A wake
// while a reply is still playing is ignored.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "firmware_core/audio/app_logic.h"
#include "firmware_core/audio/esp32_service.h"
#include "firmware_core/audio/wake_tone_detector.h"

namespace hil::audio {

class WakeApp : public AppLogic {
 public:
  WakeApp(std::vector<Sample> reply, WakeToneOptions options = {});

  void on_microphone(Esp32Service& service, PcmView samples) override;
  void on_device_event(Esp32Service&, const DeviceEvent&) override {}
  void on_connected(Esp32Service&) override {}
  void on_disconnected(Esp32Service&) override {}

  std::uint64_t wakes() const { return wakes_; }
  bool replying() const { return replying_; }
  // How the last reply's playback ended, once it has.
  const std::optional<PlaybackResult>& last_reply_result() const { return last_result_; }

 private:
  SharedClip reply_;
  WakeToneDetector detector_;
  bool replying_ = false;
  std::uint64_t wakes_ = 0;
  std::optional<PlaybackResult> last_result_;
};

}  // namespace hil::audio
