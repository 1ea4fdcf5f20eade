// PortAudio started on ALSA file devices: the list it finds, and what opening a device it does
// not have says.
#include "bench/audio/portaudio_session.h"

#include <gtest/gtest.h>

#include "bench/audio/portaudio_microphone.h"
#include "tests/audio_io/on_alsa_file_devices.h"

namespace hil::bench {
namespace {

using testing::AlsaFileDevices;
using PortAudioSessionTest = testing::OnAlsaFileDevices;

const AudioDeviceInfo* named(const std::vector<AudioDeviceInfo>& devices, const std::string& name) {
  for (const AudioDeviceInfo& device : devices) {
    if (device.name == name) return &device;
  }
  return nullptr;
}

TEST_F(PortAudioSessionTest, ListsTheDevicesAlsaIsConfiguredWith) {
  const AudioDeviceInfo* mic = named(session_->devices(), AlsaFileDevices::kMic);
  const AudioDeviceInfo* speaker_48k = named(session_->devices(), AlsaFileDevices::kSpeaker48k);
  ASSERT_TRUE(mic);
  ASSERT_TRUE(speaker_48k);
  EXPECT_EQ(mic->host_api, "ALSA");
  EXPECT_GT(mic->input_channels, 0);
  EXPECT_GT(speaker_48k->output_channels, 0);
  // The rate each file is declared at, which ALSA's plug offers as the device's own.
  EXPECT_EQ(mic->default_sample_rate_hz, 16000.0);
  EXPECT_EQ(speaker_48k->default_sample_rate_hz, 48000.0);

  const auto json = audio_devices_json(session_->devices());
  EXPECT_EQ(json["devices"].size(), session_->devices().size());
  EXPECT_EQ(json["devices"][mic->index]["name"], AlsaFileDevices::kMic);
}

TEST_F(PortAudioSessionTest, ADeviceItDoesNotHaveIsRefusedWithTheList) {
  EXPECT_FALSE(PortAudioMicrophone::open(session_, "studio_mic", error_));
  EXPECT_EQ(error_.rfind("no input device named 'studio_mic'; input devices: ", 0), 0u) << error_;
  EXPECT_NE(error_.find("'hilbench_mic'"), std::string::npos) << error_;
}

TEST_F(PortAudioSessionTest, AStreamKeepsPortAudioUpAfterTheSessionIsLetGo) {
  const auto mic = PortAudioMicrophone::open(session_, AlsaFileDevices::kMic, error_);
  ASSERT_TRUE(mic) << error_;

  session_.reset();
  EXPECT_TRUE(mic->stream().active());
}

}  // namespace
}  // namespace hil::bench
