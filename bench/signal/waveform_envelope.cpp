// A waveform's envelope in bounded memory.
#include "bench/signal/waveform_envelope.h"

#include <algorithm>

namespace hil::signal {
namespace {

constexpr std::int64_t kSecondUs = 1'000'000;

std::int64_t floor_to(std::int64_t value, std::int64_t step) {
  const std::int64_t q = value / step;
  return (q * step > value ? q - 1 : q) * step;  // toward minus infinity, for times before 0
}

}  // namespace

WaveformEnvelope::WaveformEnvelope(std::size_t max_buckets, std::int64_t first_bucket_us)
    : max_buckets_(std::max<std::size_t>(max_buckets, 2)) {
  waveform_.bucket_us = std::max<std::int64_t>(first_bucket_us, 1);
}

void WaveformEnvelope::add(std::int64_t end_us, audio::PcmView samples) {
  std::vector<WaveformBucket>& buckets = waveform_.buckets;
  const auto count = static_cast<std::int64_t>(samples.size);
  for (std::int64_t i = 0; i < count; ++i) {
    const std::int64_t at = end_us - (count - 1 - i) * kSecondUs / audio::kSampleRateHz;
    const std::int64_t start = floor_to(at, waveform_.bucket_us);
    const audio::Sample value = samples[static_cast<std::size_t>(i)];
    if (buckets.empty() || buckets.back().start_us < start) {
      buckets.push_back({start, value, value});
      if (buckets.size() > max_buckets_) widen();
      continue;
    }
    // A block that overlaps what came before (two sources, a late block): find its bucket.
    auto bucket =
        std::lower_bound(buckets.begin(), buckets.end(), start,
                         [](const WaveformBucket& b, std::int64_t t) { return b.start_us < t; });
    if (bucket == buckets.end() || bucket->start_us != start)
      bucket = buckets.insert(bucket, {start, value, value});
    bucket->low = std::min(bucket->low, value);
    bucket->high = std::max(bucket->high, value);
  }
}

void WaveformEnvelope::widen() {
  waveform_.bucket_us *= 2;
  std::vector<WaveformBucket> merged;
  merged.reserve(waveform_.buckets.size() / 2 + 1);
  for (const WaveformBucket& bucket : waveform_.buckets) {
    const std::int64_t start = floor_to(bucket.start_us, waveform_.bucket_us);
    if (merged.empty() || merged.back().start_us != start) {
      merged.push_back({start, bucket.low, bucket.high});
      continue;
    }
    merged.back().low = std::min(merged.back().low, bucket.low);
    merged.back().high = std::max(merged.back().high, bucket.high);
  }
  waveform_.buckets = std::move(merged);
}

}  // namespace hil::signal
