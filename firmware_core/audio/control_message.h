// The text frames of shared/specs/esp32-audio-websocket.md ("Text Messages"): a JSON object
// {"type": ..., "payload": {...}}, parsed into a typed message or a clear error, and written back.
// Parsing never throws (the core builds without exceptions); it is a fuzz target's entry point.
//
// Types and payloads (unknown payload keys are ignored):
//   client_status   {"uptime_ms": int >= 0, "heap_free": int >= 0, "wifi_rssi": int}
//   event           {"source": string, "action": string, "samples_received"?: int >= 0}
//                   (samples_received is this firmware's addition to speaker playback_complete)
//   server_command  {"command": "play_tone", "tone": string}
//                   {"command": "set_led_color", "r": 0..255, "g": 0..255, "b": 0..255}
//                   {"command": "reboot"}
//   server_status   {"listening"?: bool, "speaking"?: bool}
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace hil::audio {

// The most of a peer's text quoted in a log line or an error.
inline constexpr std::size_t kExcerptBytes = 64;

struct ClientStatus {
  std::int64_t uptime_ms = 0;
  std::int64_t heap_free = 0;
  std::int64_t wifi_rssi = 0;
  bool operator==(const ClientStatus& other) const {
    return uptime_ms == other.uptime_ms && heap_free == other.heap_free &&
           wifi_rssi == other.wifi_rssi;
  }
};

struct DeviceEvent {
  std::string source;
  std::string action;
  std::optional<std::uint64_t> samples_received;
  bool operator==(const DeviceEvent& other) const {
    return source == other.source && action == other.action &&
           samples_received == other.samples_received;
  }
};

struct PlayTone {
  std::string tone;
  bool operator==(const PlayTone& other) const { return tone == other.tone; }
};

struct SetLedColor {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;
  bool operator==(const SetLedColor& other) const {
    return r == other.r && g == other.g && b == other.b;
  }
};

struct Reboot {
  bool operator==(const Reboot&) const { return true; }
};

using ServerCommand = std::variant<PlayTone, SetLedColor, Reboot>;

struct ServerStatus {
  std::optional<bool> listening;
  std::optional<bool> speaking;
  bool operator==(const ServerStatus& other) const {
    return listening == other.listening && speaking == other.speaking;
  }
};

using ControlMessage = std::variant<ClientStatus, DeviceEvent, ServerCommand, ServerStatus>;

enum class ControlError {
  kNotJson,         // not JSON text
  kNotObject,       // JSON, but not an object
  kBadType,         // no "type", or not a string
  kUnknownType,     // a "type" not in the table above
  kBadPayload,      // no "payload" object, or a field missing, of the wrong type or out of range
  kUnknownCommand,  // a server_command whose "command" is not in the table above
};
const char* to_string(ControlError error);

struct ControlParse {
  std::optional<ControlMessage> message;        // set when the frame parsed
  ControlError error = ControlError::kNotJson;  // when it did not
  std::string detail;                           // what was wrong, for a log (printable)
};

ControlParse parse_control(std::string_view text);

// The frame for each message, keys in the spec's order ("type" before "payload").
std::string to_text(const ClientStatus& status);
std::string to_text(const DeviceEvent& event);
std::string to_text(const ServerCommand& command);
std::string to_text(const ServerStatus& status);

}  // namespace hil::audio
