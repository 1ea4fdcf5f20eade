// Which device a DEVICE text names, and the errors that list the choices, on a fixed table.
#include "bench/audio/audio_devices.h"

#include <gtest/gtest.h>

namespace hil::bench {
namespace {

AudioDeviceInfo device(int index, const std::string& name, int inputs, int outputs) {
  AudioDeviceInfo info;
  info.index = index;
  info.name = name;
  info.host_api = "ALSA";
  info.input_channels = inputs;
  info.output_channels = outputs;
  info.default_sample_rate_hz = 48000;
  return info;
}

// A desktop's kind of list: a card, plug devices, and a mic whose name is part of another's.
std::vector<AudioDeviceInfo> table() {
  std::vector<AudioDeviceInfo> devices = {
      device(0, "HDA Intel PCH: ALC892 Analog (hw:0,0)", 2, 2),
      device(1, "USB Mic Array: Audio (hw:1,0)", 4, 0),
      device(2, "mic", 1, 0),
      device(3, "pulse", 32, 32),
      device(4, "default", 32, 32),
  };
  devices[4].default_input = true;
  devices[4].default_output = true;
  return devices;
}

int found(AudioDirection direction, const std::string& text) {
  std::string error;
  const auto info = find_audio_device(table(), direction, text, error);
  EXPECT_TRUE(info) << error;
  return info ? info->index : -1;
}

std::string refused(const std::vector<AudioDeviceInfo>& devices, AudioDirection direction,
                    const std::string& text) {
  std::string error;
  EXPECT_FALSE(find_audio_device(devices, direction, text, error));
  return error;
}

TEST(FindAudioDevice, EmptyTextIsTheDefaultDeviceOfTheDirection) {
  EXPECT_EQ(found(AudioDirection::kInput, ""), 4);
  EXPECT_EQ(found(AudioDirection::kOutput, ""), 4);
}

TEST(FindAudioDevice, DigitsAreAnIndex) {
  EXPECT_EQ(found(AudioDirection::kInput, "1"), 1);
  EXPECT_EQ(found(AudioDirection::kOutput, "0"), 0);
}

TEST(FindAudioDevice, AnExactNameWinsOverNamesThatContainIt) {
  EXPECT_EQ(found(AudioDirection::kInput, "mic"), 2);
}

TEST(FindAudioDevice, APartOfOneNameInAnyCaseFindsIt) {
  EXPECT_EQ(found(AudioDirection::kInput, "usb MIC"), 1);
  EXPECT_EQ(found(AudioDirection::kOutput, "alc892"), 0);
}

TEST(FindAudioDevice, OnlyDevicesWithChannelsInTheDirectionCount) {
  EXPECT_EQ(refused(table(), AudioDirection::kOutput, "1"),
            "no output device with index 1; output devices: 0 'HDA Intel PCH: ALC892 Analog "
            "(hw:0,0)', 3 'pulse', 4 'default'");
  EXPECT_EQ(refused(table(), AudioDirection::kOutput, "USB"),
            "no output device named 'USB'; output devices: 0 'HDA Intel PCH: ALC892 Analog "
            "(hw:0,0)', 3 'pulse', 4 'default'");
}

TEST(FindAudioDevice, APartOfSeveralNamesIsAmbiguous) {
  EXPECT_EQ(refused(table(), AudioDirection::kInput, "hw:"),
            "input device 'hw:' is ambiguous: it matches 0 'HDA Intel PCH: ALC892 Analog "
            "(hw:0,0)', 1 'USB Mic Array: Audio (hw:1,0)'");
}

TEST(FindAudioDevice, NoDefaultAndNoDevicesAreSaid) {
  EXPECT_EQ(refused({device(0, "mic", 1, 0)}, AudioDirection::kInput, ""),
            "no default input device; input devices: 0 'mic'");
  EXPECT_EQ(refused({}, AudioDirection::kOutput, "speaker"),
            "no output device named 'speaker'; output devices: (none)");
}

TEST(AudioDevicesJson, ListsEveryDeviceWithItsDefaults) {
  const std::vector<AudioDeviceInfo> devices = {table()[1], table()[4]};
  const auto expected = nlohmann::json::parse(R"j({"devices": [
    {"index": 1, "name": "USB Mic Array: Audio (hw:1,0)", "host_api": "ALSA", "input_channels": 4,
     "output_channels": 0, "default_sample_rate_hz": 48000.0, "default_input": false,
     "default_output": false},
    {"index": 4, "name": "default", "host_api": "ALSA", "input_channels": 32,
     "output_channels": 32, "default_sample_rate_hz": 48000.0, "default_input": true,
     "default_output": true}]})j");
  EXPECT_EQ(audio_devices_json(devices), expected);
}

}  // namespace
}  // namespace hil::bench
