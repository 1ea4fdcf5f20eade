// write() (the core's thread, the ring's producer) and the playback callback (PortAudio's
// thread, its consumer), which pads with silence when the ring runs dry.
#include "bench/audio/portaudio_speaker.h"

#include <algorithm>

namespace hil::bench {

std::unique_ptr<PortAudioSpeaker> PortAudioSpeaker::open(std::shared_ptr<PortAudioSession> session,
                                                         const std::string& device_text,
                                                         std::string& error,
                                                         std::size_t buffer_samples) {
  std::unique_ptr<PortAudioSpeaker> speaker(new PortAudioSpeaker(buffer_samples));
  speaker->stream_ = PortAudioStream::open(std::move(session), AudioDirection::kOutput, device_text,
                                           &on_audio, speaker.get(), error);
  if (!speaker->stream_) return nullptr;
  return speaker;
}

std::size_t PortAudioSpeaker::write(const std::int16_t* samples, std::size_t count) {
  return ring_.push(samples, count);
}

std::size_t PortAudioSpeaker::pending() const { return buffer_samples_ - ring_.write_available(); }

int PortAudioSpeaker::on_audio(const void*, void* output, unsigned long frames,
                               const PaStreamCallbackTimeInfo*, PaStreamCallbackFlags flags,
                               void* self) {
  auto& speaker = *static_cast<PortAudioSpeaker*>(self);
  if (flags & paOutputUnderflow) speaker.device_underflows_.fetch_add(1);
  auto* out = static_cast<std::int16_t*>(output);
  const std::size_t got = speaker.ring_.pop(out, frames);
  std::fill(out + got, out + frames, std::int16_t{0});
  speaker.samples_played_.fetch_add(got);
  if (got < frames && (speaker.playing_ || got > 0)) speaker.underruns_.fetch_add(1);
  speaker.playing_ = got == frames;
  return paContinue;
}

}  // namespace hil::bench
