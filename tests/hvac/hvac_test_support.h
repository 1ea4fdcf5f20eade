// Helpers shared by the HVAC bridge tests: a bridge on virtual time with a captured MQTT link and
// log, message filters, and decoding of the IR frames the bridge sent.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "firmware_core/hvac/hvac_bridge.h"
#include "firmware_core/ir/daikin_detect.h"
#include "firmware_core/ir/tuya_codec.h"
#include "sim/common/captured_links.h"
#include "sim/time/virtual_scheduler.h"

namespace hil::hvac::testing {

using nlohmann::json;
using sim::PublishedMessage;

inline constexpr std::string_view kStateTopic = "homeassistant/climate/living_room/state";
inline constexpr std::string_view kSetTopic = "homeassistant/climate/living_room/set";
inline constexpr std::string_view kConfigTopic = "homeassistant/climate/living_room/config";
inline constexpr std::string_view kAvailabilityTopic =
    "homeassistant/climate/living_room/availability";
inline constexpr std::string_view kBlasterSetTopic = "zigbee2mqtt/ir_blaster_01/set";
inline constexpr std::string_view kBlasterAvailabilityTopic =
    "zigbee2mqtt/ir_blaster_01/availability";

// The spec's entity: living_room, "Living Room AC", blaster ir_blaster_01, DAIKIN.
inline EntityConfig living_room() {
  EntityConfig entity;
  entity.device_id = "living_room";
  entity.name = "Living Room AC";
  entity.blaster = "ir_blaster_01";
  return entity;
}

inline EntityConfig entity_on(std::string device_id, std::string blaster) {
  EntityConfig entity;
  entity.name = device_id + " AC";
  entity.device_id = std::move(device_id);
  entity.blaster = std::move(blaster);
  return entity;
}

inline BridgeConfig config_of(std::vector<EntityConfig> entities) {
  BridgeConfig config;
  config.entities = std::move(entities);
  return config;
}

inline std::string set_topic(std::string_view device_id) {
  return "homeassistant/climate/" + std::string(device_id) + "/set";
}
inline std::string state_topic(std::string_view device_id) {
  return "homeassistant/climate/" + std::string(device_id) + "/state";
}
inline std::string blaster_set_topic(std::string_view blaster) {
  return "zigbee2mqtt/" + std::string(blaster) + "/set";
}

// Only the messages on one topic, in order.
inline std::vector<PublishedMessage> on_topic(const std::vector<PublishedMessage>& messages,
                                              std::string_view topic) {
  std::vector<PublishedMessage> out;
  for (const auto& message : messages) {
    if (message.topic == topic) out.push_back(message);
  }
  return out;
}

// The IR sends among messages: topic zigbee2mqtt/<x>/set.
inline std::vector<PublishedMessage> ir_sends(const std::vector<PublishedMessage>& messages) {
  std::vector<PublishedMessage> out;
  for (const auto& message : messages) {
    if (message.topic.rfind("zigbee2mqtt/", 0) == 0 && message.topic.size() > 4 &&
        message.topic.compare(message.topic.size() - 4, 4, "/set") == 0) {
      out.push_back(message);
    }
  }
  return out;
}

// {"ir_code_to_send": code} -> decode_tuya -> decode_any_daikin. Fails the test if any step does.
inline ir::DaikinFrame decode_send(const std::string& payload) {
  const json doc = json::parse(payload, nullptr, false);
  EXPECT_TRUE(doc.is_object() && doc.size() == 1 && doc.contains("ir_code_to_send")) << payload;
  if (!doc.is_object() || !doc.contains("ir_code_to_send")) return {};
  const ir::TuyaDecoded durations = ir::decode_tuya(doc["ir_code_to_send"].get<std::string>());
  EXPECT_TRUE(durations.ok()) << durations.problem->message;
  const std::vector<std::uint32_t> wide(durations.durations_us.begin(),
                                        durations.durations_us.end());
  const auto frame = ir::decode_any_daikin(wide);
  EXPECT_TRUE(frame.ok()) << frame.error();
  return frame.ok() ? *frame : ir::DaikinFrame{};
}

inline ir::ClimateState decoded_climate(const std::string& payload) {
  return decode_send(payload).settings.climate;
}

inline ir::ClimateState climate(bool power, ir::Mode mode, double target_c,
                                ir::FanSpeed fan = ir::FanSpeed::kAuto,
                                ir::Swing swing = ir::Swing::kOff) {
  return ir::ClimateState{power, mode, target_c, fan, swing};
}

// A bridge with its ports, connected unless asked not to be.
class BridgeRig {
 public:
  explicit BridgeRig(BridgeConfig config = config_of({living_room()}), bool connect_now = true) {
    auto created = HvacBridge::create(HvacPorts{scheduler, mqtt, log}, std::move(config));
    EXPECT_TRUE(created.ok()) << created.error();
    if (created.ok()) bridge = std::move(created).value();
    if (connect_now) connect();
  }

  void connect() {
    mqtt.set_connected(true);
    bridge->on_connected();
  }
  void disconnect() {
    mqtt.set_connected(false);
    bridge->on_disconnected();
  }
  void message(std::string_view topic, std::string_view payload, bool retained = false) {
    bridge->on_message(topic, payload, retained);
  }
  void command(std::string_view payload, std::string_view device_id = "living_room") {
    message(set_topic(device_id), payload);
  }
  void advance_ms(std::int64_t ms) { scheduler.advance(std::chrono::milliseconds(ms)); }
  std::int64_t now_ms() const { return core::to_ms(scheduler.now()); }

  std::vector<PublishedMessage> take() { return mqtt.take(); }
  std::vector<std::string> logs() { return log.take(); }
  // The state payloads published since the last take, parsed.
  std::vector<json> states(std::string_view topic = kStateTopic) {
    std::vector<json> out;
    for (const auto& message : on_topic(take(), topic)) out.push_back(json::parse(message.payload));
    return out;
  }

  sim::VirtualScheduler scheduler;
  sim::CapturedMqtt mqtt{scheduler};
  sim::CapturedConsole log;
  std::unique_ptr<HvacBridge> bridge;
};

// True when some line contains `part`.
inline bool any_line_has(const std::vector<std::string>& lines, std::string_view part) {
  for (const auto& line : lines) {
    if (line.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace hil::hvac::testing
