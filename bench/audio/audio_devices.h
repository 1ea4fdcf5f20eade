// The audio devices PortAudio offers, as plain data: finding the one a `--mic`/`--speaker`
// DEVICE text names, and the list as JSON for people choosing one.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace hil::bench {

enum class AudioDirection { kInput, kOutput };

struct AudioDeviceInfo {
  int index = 0;  // PortAudio's device index
  std::string name;
  std::string host_api;  // "ALSA", "JACK Audio Connection Kit", ...
  int input_channels = 0;
  int output_channels = 0;
  double default_sample_rate_hz = 0.0;
  bool default_input = false;
  bool default_output = false;
};

// The device `text` names among those with channels in `direction`:
//   ""          PortAudio's default device for the direction;
//   digits      the device with that index;
//   otherwise   the device of exactly that name, else the only one whose name contains the text
//               (case-insensitive).
// nullopt with `error` saying why ("no input device named 'x'; input devices: 0 'a', 1 'b'").
std::optional<AudioDeviceInfo> find_audio_device(const std::vector<AudioDeviceInfo>& devices,
                                                 AudioDirection direction, const std::string& text,
                                                 std::string& error);

// {"devices": [{"index", "name", "host_api", "input_channels", "output_channels",
// "default_sample_rate_hz", "default_input", "default_output"}, ...]}
nlohmann::json audio_devices_json(const std::vector<AudioDeviceInfo>& devices);

}  // namespace hil::bench
