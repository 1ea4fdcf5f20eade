// The microphone's sample clock: virtual (or wall) time since 0.
#include "sim/audio/scripted_microphone.h"

namespace hil::sim {

using audio::samples_in;

std::size_t ScriptedMicrophone::read(std::int16_t* out, std::size_t capacity) {
  const std::uint64_t captured = samples_in(scheduler_.now());
  std::size_t count = 0;
  while (count < capacity && read_ < captured) {
    out[count++] = read_ < script_.size() ? script_[read_] : Sample{0};
    ++read_;
  }
  return count;
}

void ScriptedMicrophone::hear_now(PcmView samples) {
  const std::uint64_t from = samples_in(scheduler_.now());
  if (script_.size() < from + samples.size) script_.resize(from + samples.size, 0);
  for (std::size_t i = 0; i < samples.size; ++i) script_[from + i] = samples[i];
}

}  // namespace hil::sim
