// Blocks judged by their spectrum, alike blocks merged into segments.
#include "bench/signal/sound_segments.h"

#include <kiss_fftr.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "bench/signal/levels.h"

namespace hil::signal {
namespace {

constexpr std::size_t kFftSize = 1024;  // the block zero-padded: 15.6 Hz bins before refining
constexpr std::size_t kPeakHalfWidth =
    16;  // +-250 Hz: a windowed peak, even one faded or cut short

// Where a peak really is, between bins: the vertex of the parabola through three log magnitudes.
double refined_bin(double left, double centre, double right, std::size_t bin) {
  const double la = std::log(left + 1e-12), lb = std::log(centre + 1e-12),
               lc = std::log(right + 1e-12);
  const double denominator = la - 2 * lb + lc;
  const double offset = denominator == 0.0 ? 0.0 : 0.5 * (la - lc) / denominator;
  return static_cast<double>(bin) + std::clamp(offset, -0.5, 0.5);
}

}  // namespace

const char* to_string(SoundKind kind) {
  switch (kind) {
    case SoundKind::kSilence:
      return "silence";
    case SoundKind::kTone:
      return "tone";
    case SoundKind::kSound:
      return "sound";
  }
  return "sound";
}

struct SoundSegmenter::Spectrum {
  Spectrum() : config(kiss_fftr_alloc(kFftSize, 0, nullptr, nullptr)) {
    window.resize(kBlockSamples);
    for (std::size_t i = 0; i < kBlockSamples; ++i)  // Hann: a block's edges do not smear
      window[i] = static_cast<float>(0.5 - 0.5 * std::cos(2 * M_PI * static_cast<double>(i) /
                                                          static_cast<double>(kBlockSamples - 1)));
  }
  ~Spectrum() { kiss_fftr_free(config); }
  Spectrum(const Spectrum&) = delete;
  Spectrum& operator=(const Spectrum&) = delete;

  kiss_fftr_cfg config;
  std::vector<float> window;
  std::vector<kiss_fft_scalar> input = std::vector<kiss_fft_scalar>(kFftSize);
  std::vector<kiss_fft_cpx> bins = std::vector<kiss_fft_cpx>(kFftSize / 2 + 1);
  std::vector<double> power = std::vector<double>(kFftSize / 2 + 1);
};

SoundSegmenter::SoundSegmenter(std::function<void(const SoundSegment&)> on_segment)
    : spectrum_(std::make_unique<Spectrum>()), on_segment_(std::move(on_segment)) {}

SoundSegmenter::~SoundSegmenter() = default;

SoundSegmenter::Block SoundSegmenter::judge(audio::PcmView block) const {
  if (to_dbfs(audio::rms(block)) < kSilenceDbfs) return {SoundKind::kSilence, 0.0};
  Spectrum& s = *spectrum_;
  std::fill(s.input.begin(), s.input.end(), 0.0f);
  for (std::size_t i = 0; i < block.size; ++i)
    s.input[i] = static_cast<float>(block[i]) / 32768.0f * s.window[i];
  kiss_fftr(s.config, s.input.data(), s.bins.data());
  double total = 0.0;
  std::size_t peak = 1;
  for (std::size_t k = 1; k < s.bins.size(); ++k) {  // bin 0 is DC, not a tone
    s.power[k] = double(s.bins[k].r) * s.bins[k].r + double(s.bins[k].i) * s.bins[k].i;
    total += s.power[k];
    if (s.power[k] > s.power[peak]) peak = k;
  }
  double near = 0.0;
  const std::size_t from = peak > kPeakHalfWidth ? peak - kPeakHalfWidth : 1;
  const std::size_t to = std::min(peak + kPeakHalfWidth, s.bins.size() - 1);
  for (std::size_t k = from; k <= to; ++k) near += s.power[k];
  if (total <= 0.0 || near / total < kToneShare || peak + 1 >= s.bins.size())
    return {SoundKind::kSound, 0.0};
  const double bin = refined_bin(std::sqrt(s.power[peak - 1]), std::sqrt(s.power[peak]),
                                 std::sqrt(s.power[peak + 1]), peak);
  return {SoundKind::kTone, bin * audio::kSampleRateHz / kFftSize};
}

void SoundSegmenter::feed(audio::PcmView samples) {
  for (std::size_t i = 0; i < samples.size; ++i) {
    pending_.push_back(samples[i]);
    if (pending_.size() < kBlockSamples) continue;
    const audio::PcmView block(pending_);
    add_block(judge(block), block);
    pending_.clear();
  }
}

void SoundSegmenter::add_block(const Block& block, audio::PcmView samples) {
  const bool alike =
      current_ && current_->kind == block.kind &&
      (block.kind != SoundKind::kTone ||
       std::abs(block.freq_hz - current_->freq_hz) <= kSameToneFraction * current_->freq_hz);
  if (!alike) {
    finish();
    current_ = SoundSegment{block.kind, judged_, 0, 0.0, 0.0, 0.0, 0};
    energy_ = peak_ = 0.0;
    tone_blocks_ = 0;
  }
  SoundSegment& segment = *current_;
  for (const audio::Sample sample : samples) {
    energy_ += double(sample) * sample;
    peak_ = std::max(peak_, std::abs(double(sample)));
    if (sample == 32767 || sample == -32768) ++segment.clipped;
  }
  if (block.kind == SoundKind::kTone) {
    const auto blocks = static_cast<double>(tone_blocks_);
    segment.freq_hz = (segment.freq_hz * blocks + block.freq_hz) / (blocks + 1);
    ++tone_blocks_;
  }
  segment.samples += samples.size;
  segment.rms_dbfs = to_dbfs(std::sqrt(energy_ / static_cast<double>(segment.samples)));
  segment.peak_dbfs = to_dbfs(peak_);
  judged_ += samples.size;
}

void SoundSegmenter::finish() {
  if (!current_) return;
  const SoundSegment ended = *current_;
  current_.reset();
  on_segment_(ended);
}

}  // namespace hil::signal
