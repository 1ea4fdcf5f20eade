// The microphone's sample clock: scheduler time since 0.
#include "bench/audio/signal_microphone.h"

#include <algorithm>

#include "firmware_core/audio/pcm.h"

namespace hil::bench {

std::size_t SignalMicrophone::read(std::int16_t* out, std::size_t capacity) {
  const std::uint64_t captured = audio::samples_in(scheduler_.now());
  const auto count = static_cast<std::size_t>(
      std::min<std::uint64_t>(capacity, captured - std::min(captured, read_)));
  signal_->fill(out, count);
  read_ += count;
  return count;
}

}  // namespace hil::bench
