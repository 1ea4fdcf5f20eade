// A ring of samples with a fixed capacity.
#include "firmware_core/audio/playback_buffer.h"

namespace hil::audio {

PlaybackBuffer::PlaybackBuffer(std::size_t capacity_samples) : ring_(capacity_samples) {}

std::size_t PlaybackBuffer::push(PcmView samples) {
  const std::size_t room = ring_.size() - size_;
  const std::size_t taken = samples.size < room ? samples.size : room;
  for (std::size_t i = 0; i < taken; ++i) {
    ring_[(head_ + size_ + i) % ring_.size()] = samples[i];
  }
  size_ += taken;
  return samples.size - taken;
}

PcmView PlaybackBuffer::front() const {
  const std::size_t to_wrap = ring_.size() - head_;
  return {ring_.data() + head_, size_ < to_wrap ? size_ : to_wrap};
}

void PlaybackBuffer::pop(std::size_t count) {
  if (count > size_) count = size_;
  size_ -= count;
  head_ = size_ == 0 ? 0 : (head_ + count) % ring_.size();
}

void PlaybackBuffer::clear() {
  head_ = 0;
  size_ = 0;
}

}  // namespace hil::audio
