// Fuzz target: arbitrary payloads on a climate entity's set topic (then on its sensor, its
// blaster's availability and HA's status topic). Each command gets exactly one well-formed state:
// with an error and no frame, or without one and a frame that decodes to that state; an empty
// payload (a retained command being cleared) gets nothing. Afterwards a good command must still
// work.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "firmware_core/hvac/hvac_bridge.h"
#include "firmware_core/ir/daikin_detect.h"
#include "firmware_core/ir/tuya_codec.h"
#include "sim/common/captured_links.h"
#include "sim/time/virtual_scheduler.h"

namespace {

constexpr std::string_view kSet = "homeassistant/climate/living_room/set";
constexpr std::string_view kState = "homeassistant/climate/living_room/state";
constexpr std::string_view kBlasterSet = "zigbee2mqtt/ir_blaster_01/set";
constexpr std::string_view kBlasterAvailability = "zigbee2mqtt/ir_blaster_01/availability";
constexpr std::string_view kSensor = "zigbee2mqtt/living_room_sensor";

void check(bool condition) {
  if (!condition) std::abort();
}

// The climate a {"ir_code_to_send": ...} payload carries.
hil::ir::ClimateState sent_climate(const std::string& payload) {
  const auto doc = nlohmann::json::parse(payload, nullptr, false);
  check(doc.is_object() && doc.size() == 1 && doc.contains("ir_code_to_send") &&
        doc["ir_code_to_send"].is_string());
  const auto durations = hil::ir::decode_tuya(doc["ir_code_to_send"].get<std::string>());
  check(durations.ok());
  const auto frame = hil::ir::decode_any_daikin(
      std::vector<std::uint32_t>(durations.durations_us.begin(), durations.durations_us.end()));
  check(frame.ok());
  return frame->settings.climate;
}

// The states and the sends published since the last call.
struct Published {
  std::vector<nlohmann::json> states;
  std::vector<std::string> sends;
};

Published take(hil::sim::CapturedMqtt& mqtt) {
  Published out;
  for (const auto& message : mqtt.take()) {
    if (message.topic == kState) {
      auto doc = nlohmann::json::parse(message.payload, nullptr, false);
      check(doc.is_object() && doc["mode"].is_string() && doc["temperature"].is_number() &&
            doc["fan_mode"].is_string() && doc["swing_mode"].is_string() &&
            doc["action"].is_string());
      check(!doc.contains("error") || (doc["error"].is_string() && !doc["error"].empty()));
      out.states.push_back(std::move(doc));
    } else if (message.topic == kBlasterSet) {
      out.sends.push_back(message.payload);
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hil::sim::VirtualScheduler scheduler;
  hil::sim::CapturedMqtt mqtt{scheduler};
  hil::sim::CapturedConsole log;
  log.on_line = [](std::string_view line) { check(!line.empty()); };

  hil::hvac::EntityConfig entity;
  entity.device_id = "living_room";
  entity.name = "Living Room AC";
  entity.blaster = "ir_blaster_01";
  entity.sensor_topic = std::string(kSensor);
  hil::hvac::BridgeConfig config;
  config.entities.push_back(entity);
  auto created = hil::hvac::HvacBridge::create({scheduler, mqtt, log}, config);
  check(created.ok());
  hil::hvac::HvacBridge& bridge = *created.value();
  mqtt.set_connected(true);
  bridge.on_connected();
  mqtt.take();

  const std::string_view payload(reinterpret_cast<const char*>(data), size);
  bridge.on_message(kSet, payload, false);
  const Published answer = take(mqtt);
  check(answer.states.size() == (payload.empty() ? 0u : 1u));
  if (payload.empty()) check(answer.sends.empty());
  const bool refused = !payload.empty() && answer.states[0].contains("error");
  check(answer.sends.size() == (refused || payload.empty() ? 0u : 1u));
  if (!refused && !payload.empty())
    check(sent_climate(answer.sends[0]) == bridge.report("living_room")->state);

  bridge.on_message(kSensor, payload, false);
  bridge.on_message(kBlasterAvailability, payload, true);
  bridge.on_message("homeassistant/status", payload, false);
  bridge.on_message(kBlasterAvailability, "online", false);
  scheduler.advance(std::chrono::seconds(10));
  take(mqtt);

  bridge.on_message(kSet, R"({"mode": "heat", "temperature": 25})", false);
  scheduler.advance(std::chrono::seconds(10));
  const Published after = take(mqtt);
  check(!after.states.empty() && !after.states.back().contains("error"));
  check(after.states.back()["mode"] == "heat" && after.states.back()["temperature"] == 25);
  check(!after.sends.empty());
  const hil::ir::ClimateState last = sent_climate(after.sends.back());
  check(last.power && last.mode == hil::ir::Mode::kHeat && last.target_c == 25.0);
  return 0;
}
