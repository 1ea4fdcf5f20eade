// A microphone on a scheduler's clock: it captures at 16 kHz from time 0, silence except where a
// script was placed (a tone, a file, a voice); the simulated ESP32's microphone.
#pragma once

#include <cstdint>
#include <vector>

#include "firmware_core/audio/pcm.h"
#include "firmware_core/ports/audio_source.h"
#include "firmware_core/ports/scheduler.h"

namespace hil::sim {

using audio::PcmView;
using audio::Sample;

// Captures at 16 kHz from time 0: silence, except where a script was placed.
class ScriptedMicrophone : public core::AudioSource {
 public:
  explicit ScriptedMicrophone(const core::Scheduler& scheduler) : scheduler_(scheduler) {}
  std::size_t read(std::int16_t* out, std::size_t capacity) override;

  // The microphone hears `samples` from the sample being captured now on.
  void hear_now(PcmView samples);
  std::uint64_t samples_read() const { return read_; }

 private:
  const core::Scheduler& scheduler_;
  std::vector<Sample> script_;  // indexed by the sample clock since time 0
  std::uint64_t read_ = 0;
};

}  // namespace hil::sim
