// Pa_Initialize and Pa_Terminate in pairs, and PortAudio's device table copied into plain data.
#include "bench/audio/portaudio_session.h"

#include <portaudio.h>

namespace hil::bench {
namespace {

std::vector<AudioDeviceInfo> list_devices() {
  std::vector<AudioDeviceInfo> devices;
  const PaDeviceIndex count = Pa_GetDeviceCount();
  const PaDeviceIndex default_input = Pa_GetDefaultInputDevice();
  const PaDeviceIndex default_output = Pa_GetDefaultOutputDevice();
  for (PaDeviceIndex i = 0; i < count; ++i) {
    const PaDeviceInfo* info = Pa_GetDeviceInfo(i);
    if (info == nullptr) continue;
    const PaHostApiInfo* api = Pa_GetHostApiInfo(info->hostApi);
    AudioDeviceInfo device;
    device.index = i;
    device.name = info->name;
    device.host_api = api != nullptr ? api->name : "";
    device.input_channels = info->maxInputChannels;
    device.output_channels = info->maxOutputChannels;
    device.default_sample_rate_hz = info->defaultSampleRate;
    device.default_input = i == default_input;
    device.default_output = i == default_output;
    devices.push_back(std::move(device));
  }
  return devices;
}

}  // namespace

std::string portaudio_error_text(int pa_error) {
  std::string text = Pa_GetErrorText(pa_error);
  const PaHostErrorInfo* host = Pa_GetLastHostErrorInfo();
  if (pa_error == paUnanticipatedHostError && host != nullptr && host->errorText != nullptr) {
    text += std::string(": ") + host->errorText;
  }
  return text;
}

std::shared_ptr<PortAudioSession> PortAudioSession::open(std::string& error) {
  const PaError status = Pa_Initialize();
  if (status != paNoError) {
    error = "PortAudio did not start: " + portaudio_error_text(status);
    return nullptr;
  }
  return std::shared_ptr<PortAudioSession>(new PortAudioSession(list_devices()));
}

PortAudioSession::~PortAudioSession() { Pa_Terminate(); }

}  // namespace hil::bench
