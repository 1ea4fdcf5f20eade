// Dual-tone recognition on 20 ms blocks with Goertzel peak searches.
#include "firmware_core/audio/wake_tone_detector.h"

#include <cmath>

#include "firmware_core/audio/goertzel.h"

namespace hil::audio {
namespace {

// Far enough either side to see a tone just outside the accept band for what it is.
constexpr double kSearchFraction = 0.05;

}  // namespace

WakeToneDetector::WakeToneDetector(WakeToneOptions options) : options_(options) {
  block_.reserve(options_.block_samples);
}

bool WakeToneDetector::feed(PcmView samples) {
  bool found = false;
  for (const Sample sample : samples) {
    block_.push_back(sample);
    if (block_.size() < options_.block_samples) continue;
    if (block_has_pair()) {
      ++run_;
    } else {
      run_ = 0;
      armed_ = true;
    }
    block_.clear();
    if (armed_ && run_ >= options_.blocks_needed) {
      armed_ = false;
      ++detections_;
      found = true;
    }
  }
  return found;
}

bool WakeToneDetector::block_has_pair() const {
  const double block_rms = rms(block_);
  if (block_rms < options_.min_rms) return false;
  for (const double nominal : {options_.low_hz, options_.high_hz}) {
    const TonePeak peak = find_tone_peak(block_, nominal, kSearchFraction);
    if (!within_band(peak.freq_hz, nominal, options_.accept_fraction)) return false;
    if (peak.amplitude / std::sqrt(2.0) < options_.min_share * block_rms) return false;
  }
  return true;
}

}  // namespace hil::audio
