// What a simulated microphone hears, made as it is captured: `tone:HZ` (a sine), `wav:FILE` or
// `say:TEXT` (looped), `noise` (white, Gaussian) or `silence`. Tone and noise have the RMS of a
// sine at the given level in dBFS.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bench/log/logger.h"
#include "firmware_core/audio/pcm.h"

namespace hil::bench {

class MicSignal {
 public:
  virtual ~MicSignal() = default;
  // The next `count` samples, going on from where the last call stopped.
  virtual void fill(audio::Sample* out, std::size_t count) = 0;
};

// Makes the signals of one spec, one per device, sharing what was loaded once.
class MicSignalFactory {
 public:
  // Parses `spec` and loads any audio it names; false and why when it cannot.
  bool load(const std::string& spec, double level_dbfs, const Logger& log, std::string& error);
  // A fresh signal from its start; `seed` makes each device's noise its own.
  std::unique_ptr<MicSignal> make(std::uint64_t seed) const;

 private:
  enum class Kind { kSilence, kTone, kNoise, kLoop };
  Kind kind_ = Kind::kSilence;
  double tone_hz_ = 0;
  double amplitude_ = 0;  // of the sine, in sample units
  std::shared_ptr<const std::vector<audio::Sample>> loop_;
};

}  // namespace hil::bench
