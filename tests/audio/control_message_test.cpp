// The control frames: the spec's examples, every error kind, and the frames written back.
#include "firmware_core/audio/control_message.h"

#include <gtest/gtest.h>

namespace hil::audio {
namespace {

template <typename T>
T parsed_as(std::string_view text) {
  const ControlParse parsed = parse_control(text);
  EXPECT_TRUE(parsed.message) << text << ": " << parsed.detail;
  const T* value = parsed.message ? std::get_if<T>(&*parsed.message) : nullptr;
  EXPECT_NE(value, nullptr) << text;
  return value != nullptr ? *value : T{};
}

ControlError error_of(std::string_view text) {
  const ControlParse parsed = parse_control(text);
  EXPECT_FALSE(parsed.message) << text;
  EXPECT_FALSE(parsed.detail.empty()) << text;
  return parsed.error;
}

TEST(ControlMessage, TheSpecsClientStatusParses) {
  const auto status = parsed_as<ClientStatus>(
      R"({"type":"client_status","payload":{"uptime_ms":120000,"heap_free":50123,"wifi_rssi":-55}})");
  EXPECT_EQ(status, (ClientStatus{120000, 50123, -55}));
}

TEST(ControlMessage, TheSpecsEventParses) {
  const auto event = parsed_as<DeviceEvent>(
      R"({"type":"event","payload":{"source":"button","action":"pressed"}})");
  EXPECT_EQ(event, (DeviceEvent{"button", "pressed", std::nullopt}));
}

TEST(ControlMessage, TheSpecsPlayToneParses) {
  const auto command = parsed_as<ServerCommand>(
      R"({"type":"server_command","payload":{"command":"play_tone","tone":"ack"}})");
  EXPECT_EQ(command, ServerCommand(PlayTone{"ack"}));
}

TEST(ControlMessage, TheSpecsServerStatusParses) {
  const auto status = parsed_as<ServerStatus>(
      R"({"type":"server_status","payload":{"listening":true,"speaking":false}})");
  EXPECT_EQ(status, (ServerStatus{true, false}));
}

TEST(ControlMessage, LedColorAndRebootParse) {
  EXPECT_EQ(
      parsed_as<ServerCommand>(
          R"({"type":"server_command","payload":{"command":"set_led_color","r":255,"g":8,"b":0}})"),
      ServerCommand(SetLedColor{255, 8, 0}));
  EXPECT_EQ(parsed_as<ServerCommand>(R"({"type":"server_command","payload":{"command":"reboot"}})"),
            ServerCommand(Reboot{}));
}

TEST(ControlMessage, PlaybackCompleteCarriesItsSampleCount) {
  const auto event = parsed_as<DeviceEvent>(
      R"({"type":"event","payload":{"source":"speaker","action":"playback_complete","samples_received":3200}})");
  EXPECT_EQ(event.samples_received, 3200u);
}

TEST(ControlMessage, EachKindOfBadFrameGetsItsError) {
  EXPECT_EQ(error_of("hello"), ControlError::kNotJson);
  EXPECT_EQ(error_of(R"({"type":)"), ControlError::kNotJson);
  EXPECT_EQ(error_of("[1,2]"), ControlError::kNotObject);
  EXPECT_EQ(error_of(R"({"payload":{}})"), ControlError::kBadType);
  EXPECT_EQ(error_of(R"({"type":7,"payload":{}})"), ControlError::kBadType);
  EXPECT_EQ(error_of(R"({"type":"hotword","payload":{}})"), ControlError::kUnknownType);
  EXPECT_EQ(error_of(R"({"type":"event"})"), ControlError::kBadPayload);
  EXPECT_EQ(error_of(R"({"type":"event","payload":[]})"), ControlError::kBadPayload);
  EXPECT_EQ(error_of(R"({"type":"event","payload":{"source":"button"}})"),
            ControlError::kBadPayload);
  EXPECT_EQ(
      error_of(
          R"({"type":"client_status","payload":{"uptime_ms":-1,"heap_free":1,"wifi_rssi":0}})"),
      ControlError::kBadPayload);
  EXPECT_EQ(
      error_of(
          R"({"type":"client_status","payload":{"uptime_ms":1.5,"heap_free":1,"wifi_rssi":0}})"),
      ControlError::kBadPayload);
  EXPECT_EQ(
      error_of(
          R"({"type":"server_command","payload":{"command":"set_led_color","r":256,"g":0,"b":0}})"),
      ControlError::kBadPayload);
  EXPECT_EQ(error_of(R"({"type":"server_command","payload":{"command":"play_tone"}})"),
            ControlError::kBadPayload);
  EXPECT_EQ(error_of(R"({"type":"server_command","payload":{"command":"self_destruct"}})"),
            ControlError::kUnknownCommand);
  EXPECT_EQ(error_of(R"({"type":"server_status","payload":{"listening":"yes"}})"),
            ControlError::kBadPayload);
}

TEST(ControlMessage, ErrorDetailsShowUntrustedBytesEscaped) {
  const ControlParse parsed = parse_control("{\"type\":\"\\u0001x\",\"payload\":{}}");
  EXPECT_EQ(parsed.detail, "unknown type \"\\x01x\"");
}

TEST(ControlMessage, FramesAreWrittenTypeFirst) {
  EXPECT_EQ(
      to_text(ClientStatus{120000, 50123, -55}),
      R"({"type":"client_status","payload":{"uptime_ms":120000,"heap_free":50123,"wifi_rssi":-55}})");
  EXPECT_EQ(
      to_text(DeviceEvent{"speaker", "playback_complete", 1600}),
      R"({"type":"event","payload":{"source":"speaker","action":"playback_complete","samples_received":1600}})");
  EXPECT_EQ(to_text(ServerCommand(PlayTone{"ack"})),
            R"({"type":"server_command","payload":{"command":"play_tone","tone":"ack"}})");
  EXPECT_EQ(to_text(ServerStatus{true, std::nullopt}),
            R"({"type":"server_status","payload":{"listening":true}})");
}

TEST(ControlMessage, EveryWrittenCommandParsesBack) {
  for (const ServerCommand& command :
       {ServerCommand(PlayTone{"ready"}), ServerCommand(SetLedColor{1, 2, 3}),
        ServerCommand(Reboot{})}) {
    EXPECT_EQ(parsed_as<ServerCommand>(to_text(command)), command);
  }
}

}  // namespace
}  // namespace hil::audio
