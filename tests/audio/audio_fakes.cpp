// The fakes' behaviour: sample clocks from virtual time.
#include "tests/audio/audio_fakes.h"

namespace hil::audio::testing {

std::size_t ScriptedMicrophone::read(std::int16_t* out, std::size_t capacity) {
  const std::uint64_t captured = samples_in(scheduler_.now());
  std::size_t count = 0;
  while (count < capacity && read_ < captured) {
    out[count++] = read_ < script_.size() ? script_[read_] : 0;
    ++read_;
  }
  return count;
}

void ScriptedMicrophone::hear_now(PcmView samples) {
  const std::uint64_t from = samples_in(scheduler_.now());
  if (script_.size() < from + samples.size) script_.resize(from + samples.size, 0);
  for (std::size_t i = 0; i < samples.size; ++i) script_[from + i] = samples[i];
}

void RecordingSpeaker::play_due() const {
  const std::uint64_t now_tick = samples_in(scheduler_.now());
  while (ticks_done_ < now_tick) {
    if (!queue_.empty()) {
      played_.push_back(queue_.front());
      queue_.pop_front();
      last_played_tick_ = ticks_done_;
    }
    ++ticks_done_;
  }
}

std::size_t RecordingSpeaker::write(const std::int16_t* samples, std::size_t count) {
  play_due();
  std::size_t taken = 0;
  while (taken < count && queue_.size() < capacity_) queue_.push_back(samples[taken++]);
  return taken;
}

std::size_t RecordingSpeaker::pending() const {
  play_due();
  return queue_.size();
}

const std::vector<Sample>& RecordingSpeaker::played() const {
  play_due();
  return played_;
}

std::uint64_t RecordingSpeaker::last_played_tick() const {
  play_due();
  return last_played_tick_;
}

void RecordingPeer::on_open(core::WsConnection& opened) {
  connection = &opened;
  ++opens;
}

void RecordingPeer::on_text(core::WsConnection&, std::string_view text) {
  texts.push_back({scheduler_.now(), std::string(text)});
}

void RecordingPeer::on_binary(core::WsConnection&, std::string_view bytes) {
  binaries.push_back({scheduler_.now(), std::string(bytes)});
}

void RecordingPeer::on_close(core::WsConnection&, core::WsCloseCode code, std::string_view reason) {
  closes.emplace_back(code, std::string(reason));
}

}  // namespace hil::audio::testing
