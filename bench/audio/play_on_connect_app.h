// The audio service's `wav:FILE` / `say:TEXT` responder: plays its audio to each client once it
// connects, and logs how that playback ended (device_confirmed when the device's
// playback_complete covered it).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "firmware_core/audio/app_logic.h"
#include "firmware_core/audio/esp32_service.h"
#include "firmware_core/ports/line_sink.h"

namespace hil::bench {

class PlayOnConnectApp : public audio::AppLogic {
 public:
  // `log` must outlive the app.
  PlayOnConnectApp(std::vector<audio::Sample> samples, core::LineSink& log)
      : samples_(std::make_shared<const std::vector<audio::Sample>>(std::move(samples))),
        log_(log) {}

  void on_connected(audio::Esp32Service& service) override {
    service.play_audio(samples_);
    service.wait_for_playback_completion([this](const audio::PlaybackResult& result) {
      log_.write_line(std::string("playback of ") + std::to_string(samples_->size()) +
                      " samples ended: " + audio::to_string(result.end));
    });
  }
  void on_microphone(audio::Esp32Service&, audio::PcmView) override {}
  void on_device_event(audio::Esp32Service&, const audio::DeviceEvent&) override {}
  void on_disconnected(audio::Esp32Service&) override {}

 private:
  audio::SharedClip samples_;  // shared by every client's queue, never copied
  core::LineSink& log_;
};

}  // namespace hil::bench
