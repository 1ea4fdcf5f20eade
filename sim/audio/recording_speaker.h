// A speaker on a scheduler's clock: it plays one sample per 1/16000 s from time 0 out of a small
// buffer (its DMA) and records what it played; the simulated ESP32's speaker.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "firmware_core/audio/pcm.h"
#include "firmware_core/ports/audio_sink.h"
#include "firmware_core/ports/scheduler.h"

namespace hil::sim {

using audio::Sample;

// Plays one sample per 1/16000 s from time 0: a queued one if there is one, silence otherwise.
class RecordingSpeaker : public core::AudioSink {
 public:
  // `capacity`: its DMA buffer, in samples.
  RecordingSpeaker(const core::Scheduler& scheduler, std::size_t capacity = 512)
      : scheduler_(scheduler), capacity_(capacity) {}
  std::size_t write(const std::int16_t* samples, std::size_t count) override;
  std::size_t pending() const override;

  // Every queued sample played so far, in order, without the silence between.
  const std::vector<Sample>& played() const;
  // From now on, keep what comes out, silence included, for take_output() instead of played():
  // what a listener hears, without a long run keeping all of it.
  void keep_output() { keep_output_ = true; }
  // What came out since the last call (one sample per tick, 0 while dry), handed over.
  std::vector<Sample> take_output();
  // The sample clock (since time 0) at which the last queued sample was played.
  std::uint64_t last_played_tick() const;

 private:
  void play_due() const;

  const core::Scheduler& scheduler_;
  std::size_t capacity_;
  mutable std::deque<Sample> queue_;
  mutable std::vector<Sample> played_;
  mutable std::vector<Sample> output_;
  bool keep_output_ = false;
  mutable std::uint64_t ticks_done_ = 0;
  mutable std::uint64_t last_played_tick_ = 0;
};

}  // namespace hil::sim
