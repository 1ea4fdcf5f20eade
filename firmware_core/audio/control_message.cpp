// Parsing and writing the control frames, with every type checked before it is read (a wrong type
// read through nlohmann/json would abort a build without exceptions).
#include "firmware_core/audio/control_message.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "firmware_core/common/text.h"

namespace hil::audio {
namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

ControlParse failure(ControlError error, std::string detail) {
  ControlParse out;
  out.error = error;
  out.detail = std::move(detail);
  return out;
}

ControlParse success(ControlMessage message) {
  ControlParse out;
  out.message = std::move(message);
  return out;
}

// An integer field within [low, high]; nullopt when missing, not an integer or out of range.
std::optional<std::int64_t> integer_field(const Json& payload, const char* key, std::int64_t low,
                                          std::int64_t high) {
  const auto it = payload.find(key);
  if (it == payload.end()) return std::nullopt;
  if (it->is_number_unsigned()) {
    const auto value = it->get<std::uint64_t>();
    if (value > static_cast<std::uint64_t>(high)) return std::nullopt;
    const auto signed_value = static_cast<std::int64_t>(value);
    if (signed_value < low) return std::nullopt;
    return signed_value;
  }
  if (!it->is_number_integer()) return std::nullopt;
  const auto value = it->get<std::int64_t>();
  if (value < low || value > high) return std::nullopt;
  return value;
}

std::optional<std::string> string_field(const Json& payload, const char* key) {
  const auto it = payload.find(key);
  if (it == payload.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// Absent is fine; present must be a boolean. False when present and not one.
bool optional_bool(const Json& payload, const char* key, std::optional<bool>& out) {
  const auto it = payload.find(key);
  if (it == payload.end()) return true;
  if (!it->is_boolean()) return false;
  out = it->get<bool>();
  return true;
}

constexpr std::int64_t kMaxInt = INT64_MAX;

ControlParse parse_client_status(const Json& payload) {
  ClientStatus status;
  const auto uptime = integer_field(payload, "uptime_ms", 0, kMaxInt);
  const auto heap = integer_field(payload, "heap_free", 0, kMaxInt);
  const auto rssi = integer_field(payload, "wifi_rssi", INT64_MIN, kMaxInt);
  if (!uptime) return failure(ControlError::kBadPayload, "uptime_ms is not an integer >= 0");
  if (!heap) return failure(ControlError::kBadPayload, "heap_free is not an integer >= 0");
  if (!rssi) return failure(ControlError::kBadPayload, "wifi_rssi is not an integer");
  status.uptime_ms = *uptime;
  status.heap_free = *heap;
  status.wifi_rssi = *rssi;
  return success(status);
}

ControlParse parse_event(const Json& payload) {
  DeviceEvent event;
  auto source = string_field(payload, "source");
  auto action = string_field(payload, "action");
  if (!source) return failure(ControlError::kBadPayload, "source is not a string");
  if (!action) return failure(ControlError::kBadPayload, "action is not a string");
  event.source = std::move(*source);
  event.action = std::move(*action);
  if (payload.contains("samples_received")) {
    const auto samples = integer_field(payload, "samples_received", 0, kMaxInt);
    if (!samples)
      return failure(ControlError::kBadPayload, "samples_received is not an integer >= 0");
    event.samples_received = static_cast<std::uint64_t>(*samples);
  }
  return success(event);
}

ControlParse parse_server_command(const Json& payload) {
  const auto command = string_field(payload, "command");
  if (!command) return failure(ControlError::kBadPayload, "command is not a string");
  if (*command == "play_tone") {
    auto tone = string_field(payload, "tone");
    if (!tone) return failure(ControlError::kBadPayload, "tone is not a string");
    return success(ServerCommand(PlayTone{std::move(*tone)}));
  }
  if (*command == "set_led_color") {
    const auto r = integer_field(payload, "r", 0, 255);
    const auto g = integer_field(payload, "g", 0, 255);
    const auto b = integer_field(payload, "b", 0, 255);
    if (!r || !g || !b) return failure(ControlError::kBadPayload, "r, g and b must be 0..255");
    return success(
        ServerCommand(SetLedColor{static_cast<std::uint8_t>(*r), static_cast<std::uint8_t>(*g),
                                  static_cast<std::uint8_t>(*b)}));
  }
  if (*command == "reboot") return success(ServerCommand(Reboot{}));
  return failure(ControlError::kUnknownCommand,
                 "unknown command \"" + core::printable_excerpt(*command, kExcerptBytes) + "\"");
}

ControlParse parse_server_status(const Json& payload) {
  ServerStatus status;
  if (!optional_bool(payload, "listening", status.listening)) {
    return failure(ControlError::kBadPayload, "listening is not a boolean");
  }
  if (!optional_bool(payload, "speaking", status.speaking)) {
    return failure(ControlError::kBadPayload, "speaking is not a boolean");
  }
  return success(status);
}

std::string frame(const char* type, OrderedJson payload) {
  OrderedJson message;
  message["type"] = type;
  message["payload"] = std::move(payload);
  return message.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

}  // namespace

const char* to_string(ControlError error) {
  switch (error) {
    case ControlError::kNotJson:
      return "not JSON";
    case ControlError::kNotObject:
      return "not a JSON object";
    case ControlError::kBadType:
      return "no type string";
    case ControlError::kUnknownType:
      return "unknown type";
    case ControlError::kBadPayload:
      return "bad payload";
    case ControlError::kUnknownCommand:
      return "unknown command";
  }
  return "unknown error";
}

ControlParse parse_control(std::string_view text) {
  const Json doc = Json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) return failure(ControlError::kNotJson, "the text is not JSON");
  if (!doc.is_object()) return failure(ControlError::kNotObject, "the JSON is not an object");
  const auto type = string_field(doc, "type");
  if (!type) return failure(ControlError::kBadType, "type is missing or not a string");
  const auto payload = doc.find("payload");
  const bool has_payload = payload != doc.end() && payload->is_object();
  const Json empty = Json::object();
  const Json& fields = has_payload ? *payload : empty;
  using Parser = ControlParse (*)(const Json&);
  Parser parser = nullptr;
  if (*type == "client_status") parser = parse_client_status;
  if (*type == "event") parser = parse_event;
  if (*type == "server_command") parser = parse_server_command;
  if (*type == "server_status") parser = parse_server_status;
  if (parser == nullptr) {
    return failure(ControlError::kUnknownType,
                   "unknown type \"" + core::printable_excerpt(*type, kExcerptBytes) + "\"");
  }
  if (!has_payload)
    return failure(ControlError::kBadPayload, "payload is missing or not an object");
  return parser(fields);
}

std::string to_text(const ClientStatus& status) {
  return frame("client_status", {{"uptime_ms", status.uptime_ms},
                                 {"heap_free", status.heap_free},
                                 {"wifi_rssi", status.wifi_rssi}});
}

std::string to_text(const DeviceEvent& event) {
  OrderedJson payload = {{"source", event.source}, {"action", event.action}};
  if (event.samples_received) payload["samples_received"] = *event.samples_received;
  return frame("event", std::move(payload));
}

std::string to_text(const ServerCommand& command) {
  if (const auto* tone = std::get_if<PlayTone>(&command)) {
    return frame("server_command", {{"command", "play_tone"}, {"tone", tone->tone}});
  }
  if (const auto* led = std::get_if<SetLedColor>(&command)) {
    return frame("server_command",
                 {{"command", "set_led_color"}, {"r", led->r}, {"g", led->g}, {"b", led->b}});
  }
  return frame("server_command", {{"command", "reboot"}});
}

std::string to_text(const ServerStatus& status) {
  OrderedJson payload = OrderedJson::object();
  if (status.listening) payload["listening"] = *status.listening;
  if (status.speaking) payload["speaking"] = *status.speaking;
  return frame("server_status", std::move(payload));
}

}  // namespace hil::audio
