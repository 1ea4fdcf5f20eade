// What a listener hears, as segments: silence, a steady tone (its frequency) or other sound
// (speech, noise), each with its length and level. Samples are fed as they are played; they are
// judged in 20 ms blocks (a block's dominant frequency from a kissfft spectrum, refined between
// bins) and runs of alike blocks make a segment, reported once it ends. A tone's 5 ms fades fall in
// its first and last blocks, which then count as the tone when their frequency agrees.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "firmware_core/audio/pcm.h"

namespace hil::signal {

enum class SoundKind { kSilence, kTone, kSound };
const char* to_string(SoundKind kind);

struct SoundSegment {
  SoundKind kind = SoundKind::kSilence;
  std::uint64_t start_sample = 0;  // since the first sample fed
  std::uint64_t samples = 0;
  double freq_hz = 0.0;  // a tone's (the mean over its blocks); 0 otherwise
  double rms_dbfs = 0.0;
  double peak_dbfs = 0.0;
  std::uint64_t clipped = 0;
};

class SoundSegmenter {
 public:
  static constexpr std::size_t kBlockSamples = 320;   // 20 ms at 16 kHz
  static constexpr double kSilenceDbfs = -50.0;       // quieter blocks are silence
  static constexpr double kToneShare = 0.9;           // of a block's energy near its peak: a tone
  static constexpr double kSameToneFraction = 0.015;  // blocks this close in frequency: one tone

  // `on_segment` gets each segment when it has ended.
  explicit SoundSegmenter(std::function<void(const SoundSegment&)> on_segment);
  ~SoundSegmenter();
  SoundSegmenter(const SoundSegmenter&) = delete;
  SoundSegmenter& operator=(const SoundSegmenter&) = delete;

  void feed(audio::PcmView samples);
  // Ends the segment under way (the end of the recording), reporting it.
  void finish();
  // The segment under way, as it stands.
  std::optional<SoundSegment> current() const { return current_; }

 private:
  struct Block {
    SoundKind kind;
    double freq_hz;
  };
  Block judge(audio::PcmView block) const;
  void add_block(const Block& block, audio::PcmView samples);

  struct Spectrum;
  std::unique_ptr<Spectrum> spectrum_;
  std::function<void(const SoundSegment&)> on_segment_;
  std::vector<audio::Sample> pending_;  // samples of a block not yet complete
  std::uint64_t judged_ = 0;            // samples in whole blocks so far
  std::optional<SoundSegment> current_;
  double energy_ = 0.0;  // the current segment's sum of squares, for its RMS
  double peak_ = 0.0;
  std::uint64_t tone_blocks_ = 0;
};

}  // namespace hil::signal
