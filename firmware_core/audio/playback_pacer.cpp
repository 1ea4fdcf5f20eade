// Real-time pacing with a lead bound, on an estimate of what the device has played.
#include "firmware_core/audio/playback_pacer.h"

#include <algorithm>
#include <utility>

namespace hil::audio {
namespace {

// The time by which `samples` samples have been played: rounded up, so that samples_in() of it
// gives at least `samples` back.
core::Micros duration_ceil(std::uint64_t samples) {
  return core::Micros(
      static_cast<std::int64_t>((samples * 1'000'000 + kSampleRateHz - 1) / kSampleRateHz));
}

}  // namespace

PlaybackPacer::PlaybackPacer(core::Micros lead, std::size_t chunk_samples)
    : lead_samples_(samples_in(lead)), chunk_samples_(chunk_samples) {
  if (chunk_samples_ > lead_samples_) chunk_samples_ = static_cast<std::size_t>(lead_samples_);
  if (chunk_samples_ == 0) chunk_samples_ = 1;
}

void PlaybackPacer::push(PcmView samples) {
  if (samples.empty()) return;
  push(std::make_shared<const std::vector<Sample>>(samples.begin(), samples.end()));
}

void PlaybackPacer::push(SharedClip clip) {
  if (!clip || clip->empty()) return;
  queued_ += clip->size();
  queue_.push_back(Piece{std::move(clip), 0});
}

std::uint64_t PlaybackPacer::played(core::Micros now) const {
  const std::uint64_t elapsed = samples_in(now - stream_start_);
  return elapsed < stream_sent_ ? elapsed : stream_sent_;
}

std::optional<std::vector<Sample>> PlaybackPacer::take(core::Micros now) {
  if (queue_.empty()) return std::nullopt;
  if (played(now) >= stream_sent_) {  // everything before has been played: a new stream
    stream_start_ = now;
    stream_sent_ = 0;
  }
  const std::size_t count = next_chunk_samples();
  if (stream_sent_ + count - played(now) > lead_samples_) return std::nullopt;
  std::vector<Sample> chunk;
  chunk.reserve(count);
  while (chunk.size() < count) {  // a chunk may span the end of one clip and the start of the next
    Piece& front = queue_.front();
    const std::size_t take = std::min(count - chunk.size(), front.clip->size() - front.sent);
    const auto from = front.clip->begin() + static_cast<std::ptrdiff_t>(front.sent);
    chunk.insert(chunk.end(), from, from + static_cast<std::ptrdiff_t>(take));
    front.sent += take;
    if (front.sent == front.clip->size()) queue_.pop_front();
  }
  queued_ -= count;
  stream_sent_ += count;
  return chunk;
}

std::optional<core::Micros> PlaybackPacer::next_send_at(core::Micros now) const {
  if (queue_.empty()) return std::nullopt;
  const std::size_t count = next_chunk_samples();
  if (played(now) >= stream_sent_ || stream_sent_ + count <= lead_samples_) return now;
  const core::Micros due = stream_start_ + duration_ceil(stream_sent_ + count - lead_samples_);
  return due > now ? due : now;
}

core::Micros PlaybackPacer::played_out_at() const {
  return stream_start_ + duration_ceil(stream_sent_);
}

core::Micros PlaybackPacer::lead(core::Micros now) const {
  return duration_of(stream_sent_ - played(now));
}

}  // namespace hil::audio
