// The microphone's token bucket.
#include "firmware_core/audio/mic_rate_guard.h"

#include "firmware_core/audio/pcm.h"

namespace hil::audio {

void MicRateGuard::reset(core::Micros now) {
  credit_ = burst_;
  last_ = now;
}

bool MicRateGuard::admit(std::size_t samples, core::Micros now) {
  if (now > last_) credit_ += now - last_;
  if (credit_ > burst_) credit_ = burst_;
  last_ = now;
  const core::Micros cost = duration_of(samples);
  if (cost > credit_) return false;
  credit_ -= cost;
  return true;
}

}  // namespace hil::audio
