// Tone, noise, looped audio and silence, generated sample by sample.
#include "bench/audio/mic_signal.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <random>

#include "bench/audio/pcm_source.h"

namespace hil::bench {
namespace {

constexpr double kFullScale = 32767.0;
constexpr double kTwoPi = 6.283185307179586;

audio::Sample clip(double value) {
  return static_cast<audio::Sample>(std::lround(std::clamp(value, -32768.0, kFullScale)));
}

class Silence : public MicSignal {
 public:
  void fill(audio::Sample* out, std::size_t count) override { std::fill_n(out, count, 0); }
};

// A phase accumulator, so the sine runs on across reads without a seam.
class Tone : public MicSignal {
 public:
  Tone(double hz, double amplitude)
      : step_(kTwoPi * hz / audio::kSampleRateHz), amplitude_(amplitude) {}
  void fill(audio::Sample* out, std::size_t count) override {
    for (std::size_t i = 0; i < count; ++i) {
      out[i] = clip(amplitude_ * std::sin(phase_));
      phase_ = std::fmod(phase_ + step_, kTwoPi);
    }
  }

 private:
  double step_;
  double amplitude_;
  double phase_ = 0;
};

class Noise : public MicSignal {
 public:
  Noise(double rms, std::uint64_t seed) : random_(seed), normal_(0.0, rms) {}
  void fill(audio::Sample* out, std::size_t count) override {
    for (std::size_t i = 0; i < count; ++i) out[i] = clip(normal_(random_));
  }

 private:
  std::mt19937_64 random_;
  std::normal_distribution<double> normal_;
};

class Loop : public MicSignal {
 public:
  explicit Loop(std::shared_ptr<const std::vector<audio::Sample>> samples)
      : samples_(std::move(samples)) {}
  void fill(audio::Sample* out, std::size_t count) override {
    for (std::size_t i = 0; i < count; ++i) {
      out[i] = (*samples_)[at_];
      at_ = (at_ + 1) % samples_->size();
    }
  }

 private:
  std::shared_ptr<const std::vector<audio::Sample>> samples_;
  std::size_t at_ = 0;
};

}  // namespace

bool MicSignalFactory::load(const std::string& spec, double level_dbfs, const Logger& log,
                            std::string& error) {
  amplitude_ = kFullScale * std::pow(10.0, level_dbfs / 20.0);
  if (spec == "silence") {
    kind_ = Kind::kSilence;
  } else if (spec == "noise") {
    kind_ = Kind::kNoise;
  } else if (spec.rfind("tone:", 0) == 0) {
    const std::string hz = spec.substr(5);
    const auto [end, ec] = std::from_chars(hz.data(), hz.data() + hz.size(), tone_hz_);
    if (ec != std::errc() || end != hz.data() + hz.size() || !(tone_hz_ > 0) ||
        tone_hz_ >= audio::kSampleRateHz / 2.0) {
      error = "tone:HZ needs a frequency above 0 and below 8000 Hz, not '" + hz + "'";
      return false;
    }
    kind_ = Kind::kTone;
  } else if (is_pcm_source(spec)) {
    auto samples = load_pcm(spec, log, error);
    if (!samples) return false;
    loop_ = std::make_shared<const std::vector<audio::Sample>>(std::move(*samples));
    kind_ = Kind::kLoop;
  } else {
    error =
        "the microphone hears tone:HZ, wav:FILE, say:TEXT, noise, silence or portaudio[:DEVICE], "
        "not '" +
        spec + "'";
    return false;
  }
  return true;
}

std::unique_ptr<MicSignal> MicSignalFactory::make(std::uint64_t seed) const {
  switch (kind_) {
    case Kind::kTone:
      return std::make_unique<Tone>(tone_hz_, amplitude_);
    case Kind::kNoise:
      return std::make_unique<Noise>(amplitude_ / std::sqrt(2.0), seed);
    case Kind::kLoop:
      return std::make_unique<Loop>(loop_);
    case Kind::kSilence:
      break;
  }
  return std::make_unique<Silence>();
}

}  // namespace hil::bench
