// The climate bridge's row: Home Assistant climate entities over IR blasters (one entity a device).
#include "bench/scenario/families/hvac/sim_hvac_device.h"
#include "bench/scenario/family.h"

namespace hil::scenario {
namespace {

const std::string kClimate = "/climate/";
const std::string kDefaultPrefix = "homeassistant";

std::optional<RemoteProfile> remote_profile(const DeviceSpec& spec, const RemoteConnection&,
                                            std::string&) {
  const nlohmann::json& o = spec.options;
  RemoteProfile profile;
  profile.kind = "hvac";
  profile.topic_root = o.value("discovery_prefix", kDefaultPrefix) + kClimate +
                       o.value("device_id", spec.name) + "/";
  profile.send_topic = "~/set";
  profile.expect_topic = "~/state";
  const std::string& root = profile.topic_root;
  profile.outputs = {root + "config", root + "state", root + "availability",
                     "zigbee2mqtt/" + o.value("blaster", "ir_blaster") + "/set"};
  return profile;
}

// homeassistant/climate/<device_id>/...: commands end in "set" (~/set, ~/mode/set, ...).
std::optional<HeardTopic> claim(const std::string& topic) {
  const std::string prefix = kDefaultPrefix + kClimate;
  if (topic.rfind(prefix, 0) != 0) return std::nullopt;
  const auto end = topic.find('/', prefix.size());
  if (end == std::string::npos) return std::nullopt;
  const std::string id = topic.substr(prefix.size(), end - prefix.size());
  const bool command = topic.size() >= 4 && topic.compare(topic.size() - 4, 4, "/set") == 0;
  return HeardTopic{id, {{"device_id", id}}, command, ""};
}

}  // namespace

Family hvac_family() {
  Family row;
  row.kind = "hvac";
  row.summary =
      "the HVAC bridge: one Home Assistant climate entity driving a Daikin unit through an IR "
      "blaster";
  row.options = {
      text_option("device_id",
                  "the entity's id; topics are `<discovery_prefix>/climate/<device_id>/`", nullptr,
                  "the device's name"),
      text_option("entity_name", "the name Home Assistant shows", nullptr,
                  "the `device_id` (as `hilbench hvac --name`)"),
      text_option("blaster", "the Zigbee2MQTT friendly name of the IR blaster it sends through",
                  "ir_blaster"),
      choice_option("model", "the Daikin protocol of the unit", {"daikin", "daikin312"}, "daikin"),
      text_option("sensor_topic",
                  "a room sensor's topic: its temperature is the entity's `current_temperature`"),
      text_option("discovery_prefix", "Home Assistant's discovery prefix", kDefaultPrefix),
  };
  row.links = {{"mqtt", LinkShape::kPublishes,
                "`~/set` (sends; also `~/mode/set` and the other attributes), `state`, `config`, "
                "`availability`"}};
  row.check = [](const std::string& name, const nlohmann::json& options) {
    return SimHvacDevice::check(name, options);
  };
  row.make = [](const DeviceSpec& spec, SimContext& context, DeviceOutput output,
                std::string& error) -> std::unique_ptr<Device> {
    return SimHvacDevice::create(spec.name, spec.options, context.bus, context.scheduler,
                                 std::move(output), error);
  };
  row.remote = {Need::kOptional, Need::kRequired, remote_profile};
  row.record = {{kDefaultPrefix + kClimate + "#"}, claim, nullptr, nullptr};
  return row;
}

}  // namespace hil::scenario
