// The service's playback queue, paced at real time with a bounded lead: audio is sent in chunks no
// faster than a 16 kHz device plays it, and never more than `lead` ahead of what such a device has
// played by now. A device buffer larger than the lead never overflows; one fed this way never runs
// dry while audio is queued (the lead left is at least lead - chunk when a chunk goes).
//
// The clock: a stream starts when a chunk is sent after everything sent before it has been played
// (by the estimate); from then `played(now) = (now - start) x 16 kHz`, capped at what was sent.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "firmware_core/audio/pcm.h"
#include "firmware_core/ports/scheduler.h"

namespace hil::audio {

class PlaybackPacer {
 public:
  // A chunk longer than the lead is cut to the lead's length.
  PlaybackPacer(core::Micros lead, std::size_t chunk_samples);

  // Queues a copy of the samples.
  void push(PcmView samples);
  // Queues a shared clip as it is: no copy, however long (a copy of minutes of audio holds the
  // service's only thread for milliseconds, and every client's first frame with it).
  void push(SharedClip clip);
  // Forgets the queued audio (what was sent is the device's).
  void clear() {
    queue_.clear();
    queued_ = 0;
  }
  // The next chunk if the lead allows one to go now; it counts as sent.
  std::optional<std::vector<Sample>> take(core::Micros now);
  // When take() will next give a chunk; nullopt while nothing is queued.
  std::optional<core::Micros> next_send_at(core::Micros now) const;
  // When a real-time device will have played everything sent so far.
  core::Micros played_out_at() const;
  // How far what was sent is ahead of what has been played by now.
  core::Micros lead(core::Micros now) const;

  std::size_t queued_samples() const { return queued_; }
  core::Micros max_lead() const { return duration_of(lead_samples_); }

 private:
  std::uint64_t played(core::Micros now) const;
  // The size of the chunk that goes next: a whole chunk, or what is left.
  std::size_t next_chunk_samples() const {
    return queued_ < chunk_samples_ ? queued_ : chunk_samples_;
  }

  // A queued clip and how much of it has been sent.
  struct Piece {
    SharedClip clip;
    std::size_t sent = 0;
  };

  std::uint64_t lead_samples_;
  std::size_t chunk_samples_;
  std::deque<Piece> queue_;
  std::size_t queued_ = 0;
  core::Micros stream_start_{0};
  std::uint64_t stream_sent_ = 0;  // samples sent since stream_start_
};

}  // namespace hil::audio
