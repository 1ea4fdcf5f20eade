// Wake tone -> listening status, ack tone, the reply, then listening off.
#include "firmware_core/audio/wake_app.h"

#include <utility>

namespace hil::audio {

WakeApp::WakeApp(std::vector<Sample> reply, WakeToneOptions options)
    : reply_(std::make_shared<const std::vector<Sample>>(std::move(reply))), detector_(options) {}

void WakeApp::on_microphone(Esp32Service& service, PcmView samples) {
  if (!detector_.feed(samples) || replying_) return;
  ++wakes_;
  replying_ = true;
  service.send_status(ServerStatus{true, std::nullopt});
  service.send_command(PlayTone{"ack"});
  service.play_audio(reply_);
  service.wait_for_playback_completion([this, &service](const PlaybackResult& result) {
    replying_ = false;
    last_result_ = result;
    service.send_status(ServerStatus{false, std::nullopt});
  });
}

}  // namespace hil::audio
