// Opening a 16 kHz mono int16 stream, with an error that says what the device would take.
#include "bench/audio/portaudio_stream.h"

#include "firmware_core/audio/pcm.h"

namespace hil::bench {
namespace {

std::string named(const AudioDeviceInfo& device) {
  return "audio device " + std::to_string(device.index) + " '" + device.name + "'";
}

bool format_refused(PaError status) {
  return status == paInvalidSampleRate || status == paInvalidChannelCount ||
         status == paSampleFormatNotSupported;
}

std::string open_failed(const AudioDeviceInfo& device, PaError status) {
  if (!format_refused(status)) {
    return named(device) + " did not open: " + portaudio_error_text(status);
  }
  return named(device) + " cannot run 16000 Hz mono int16 (" + portaudio_error_text(status) +
         "; its default rate is " +
         std::to_string(static_cast<int>(device.default_sample_rate_hz)) +
         " Hz): choose one that converts, such as ALSA's 'default' or a 'plughw:' device";
}

}  // namespace

std::unique_ptr<PortAudioStream> PortAudioStream::open(std::shared_ptr<PortAudioSession> session,
                                                       AudioDirection direction,
                                                       const std::string& device_text,
                                                       PaStreamCallback* callback, void* user_data,
                                                       std::string& error) {
  const auto device = find_audio_device(session->devices(), direction, device_text, error);
  if (!device) return nullptr;
  const bool input = direction == AudioDirection::kInput;
  const PaDeviceInfo* info = Pa_GetDeviceInfo(device->index);

  PaStreamParameters parameters{};
  parameters.device = device->index;
  parameters.channelCount = 1;
  parameters.sampleFormat = paInt16;
  // The high default (on ALSA 1536 frames at the device's rate, 32 ms at 48 kHz): fewer dropouts
  // on a busy desktop, still well inside G.114's 150 ms one-way budget.
  parameters.suggestedLatency =
      input ? info->defaultHighInputLatency : info->defaultHighOutputLatency;

  PaStream* stream = nullptr;
  // Any buffer size the host likes: the callbacks move samples through a ring of their own.
  PaError status = Pa_OpenStream(&stream, input ? &parameters : nullptr,
                                 input ? nullptr : &parameters, audio::kSampleRateHz,
                                 paFramesPerBufferUnspecified, paNoFlag, callback, user_data);
  if (status != paNoError) {
    error = open_failed(*device, status);
    return nullptr;
  }
  status = Pa_StartStream(stream);
  if (status != paNoError) {
    Pa_CloseStream(stream);
    error = named(*device) + " did not start: " + portaudio_error_text(status);
    return nullptr;
  }
  return std::unique_ptr<PortAudioStream>(
      new PortAudioStream(std::move(session), *device, direction, stream));
}

PortAudioStream::~PortAudioStream() {
  Pa_StopStream(stream_);
  Pa_CloseStream(stream_);
}

double PortAudioStream::latency_s() const {
  const PaStreamInfo* info = Pa_GetStreamInfo(stream_);
  if (info == nullptr) return 0.0;
  return direction_ == AudioDirection::kInput ? info->inputLatency : info->outputLatency;
}

bool PortAudioStream::active() const { return Pa_IsStreamActive(stream_) == 1; }

}  // namespace hil::bench
