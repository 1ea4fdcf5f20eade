// Device lookup by the text a user typed, with errors that list what there is to choose from.
#include "bench/audio/audio_devices.h"

#include <algorithm>
#include <cctype>

namespace hil::bench {
namespace {

bool has_channels(const AudioDeviceInfo& device, AudioDirection direction) {
  return (direction == AudioDirection::kInput ? device.input_channels : device.output_channels) > 0;
}

std::string direction_word(AudioDirection direction) {
  return direction == AudioDirection::kInput ? "input" : "output";
}

std::string quoted(const AudioDeviceInfo& device) {
  return std::to_string(device.index) + " '" + device.name + "'";
}

std::string joined(const std::vector<const AudioDeviceInfo*>& devices) {
  if (devices.empty()) return "(none)";
  std::string out;
  for (const AudioDeviceInfo* device : devices) {
    if (!out.empty()) out += ", ";
    out += quoted(*device);
  }
  return out;
}

std::string lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool all_digits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

// The default, an index or an exact name: what `text` names before substrings are tried.
bool picks_exactly(const AudioDeviceInfo& device, AudioDirection direction,
                   const std::string& text) {
  if (text.empty()) {
    return direction == AudioDirection::kInput ? device.default_input : device.default_output;
  }
  if (all_digits(text)) return std::to_string(device.index) == text;
  return device.name == text;
}

}  // namespace

std::optional<AudioDeviceInfo> find_audio_device(const std::vector<AudioDeviceInfo>& devices,
                                                 AudioDirection direction, const std::string& text,
                                                 std::string& error) {
  std::vector<const AudioDeviceInfo*> usable;
  for (const AudioDeviceInfo& device : devices) {
    if (has_channels(device, direction)) usable.push_back(&device);
  }
  const std::string word = direction_word(direction);
  const std::string listing = "; " + word + " devices: " + joined(usable);

  std::vector<const AudioDeviceInfo*> matches;
  for (const AudioDeviceInfo* device : usable) {
    if (picks_exactly(*device, direction, text)) matches.push_back(device);
  }
  // A name matched nowhere exactly may still be part of one (a card's long name).
  if (matches.empty() && !text.empty() && !all_digits(text)) {
    for (const AudioDeviceInfo* device : usable) {
      if (lowered(device->name).find(lowered(text)) != std::string::npos) {
        matches.push_back(device);
      }
    }
  }
  if (matches.size() == 1) return *matches.front();

  if (matches.size() > 1) {
    error = word + " device '" + text + "' is ambiguous: it matches " + joined(matches);
  } else if (text.empty()) {
    error = "no default " + word + " device" + listing;
  } else if (all_digits(text)) {
    error = "no " + word + " device with index " + text + listing;
  } else {
    error = "no " + word + " device named '" + text + "'" + listing;
  }
  return std::nullopt;
}

nlohmann::json audio_devices_json(const std::vector<AudioDeviceInfo>& devices) {
  nlohmann::json list = nlohmann::json::array();
  for (const AudioDeviceInfo& device : devices) {
    list.push_back({{"index", device.index},
                    {"name", device.name},
                    {"host_api", device.host_api},
                    {"input_channels", device.input_channels},
                    {"output_channels", device.output_channels},
                    {"default_sample_rate_hz", device.default_sample_rate_hz},
                    {"default_input", device.default_input},
                    {"default_output", device.default_output}});
  }
  return {{"devices", list}};
}

}  // namespace hil::bench
