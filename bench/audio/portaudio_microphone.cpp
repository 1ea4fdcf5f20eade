// The capture callback (PortAudio's thread, the ring's producer) and read() (the core's thread,
// its consumer).
#include "bench/audio/portaudio_microphone.h"

namespace hil::bench {

std::unique_ptr<PortAudioMicrophone> PortAudioMicrophone::open(
    std::shared_ptr<PortAudioSession> session, const std::string& device_text, std::string& error,
    std::size_t buffer_samples) {
  std::unique_ptr<PortAudioMicrophone> microphone(new PortAudioMicrophone(buffer_samples));
  microphone->stream_ = PortAudioStream::open(std::move(session), AudioDirection::kInput,
                                              device_text, &on_audio, microphone.get(), error);
  if (!microphone->stream_) return nullptr;
  return microphone;
}

std::size_t PortAudioMicrophone::read(std::int16_t* out, std::size_t capacity) {
  return ring_.pop(out, capacity);
}

int PortAudioMicrophone::on_audio(const void* input, void*, unsigned long frames,
                                  const PaStreamCallbackTimeInfo*, PaStreamCallbackFlags flags,
                                  void* self) {
  auto& microphone = *static_cast<PortAudioMicrophone*>(self);
  if (flags & paInputOverflow) microphone.device_overflows_.fetch_add(1);
  const std::size_t taken = microphone.ring_.push(static_cast<const std::int16_t*>(input), frames);
  if (taken < frames) microphone.overflowed_samples_.fetch_add(frames - taken);
  return paContinue;
}

}  // namespace hil::bench
