// A microphone on a scheduler's clock that hears a MicSignal: one sample per 1/16000 s from time
// 0, made when read, so it holds nothing however long it runs (the simulated ESP32's microphone in
// `hilbench sim esp32-audio`; sim/audio's ScriptedMicrophone keeps its whole script instead).
#pragma once

#include <cstdint>
#include <memory>

#include "bench/audio/mic_signal.h"
#include "firmware_core/ports/audio_source.h"
#include "firmware_core/ports/scheduler.h"

namespace hil::bench {

class SignalMicrophone : public core::AudioSource {
 public:
  SignalMicrophone(const core::Scheduler& scheduler, std::unique_ptr<MicSignal> signal)
      : scheduler_(scheduler), signal_(std::move(signal)) {}
  std::size_t read(std::int16_t* out, std::size_t capacity) override;

 private:
  const core::Scheduler& scheduler_;
  std::unique_ptr<MicSignal> signal_;
  std::uint64_t read_ = 0;  // samples captured and read so far
};

}  // namespace hil::bench
