// The IR blaster's row: a Zigbee IR blaster (Tuya ZS06 behind Zigbee2MQTT) in a room with a Daikin
// unit.
#include "bench/scenario/families/ir_blaster/ir_blaster_fleet_device.h"
#include "bench/scenario/families/ir_blaster/ir_blaster_sim_process.h"
#include "bench/scenario/families/ir_blaster/sim_ir_blaster_device.h"
#include "bench/scenario/family.h"

namespace hil::scenario {
namespace {

const std::string kZigbeePrefix = "zigbee2mqtt/";
const std::string kBenchPrefix = "hilbench/ir/";
const std::string kRoomSuffix = "_room";

std::optional<RemoteProfile> remote_profile(const DeviceSpec& spec, const RemoteConnection&,
                                            std::string&) {
  const std::string zigbee = spec.options.value("zigbee_name", spec.name);
  const sim::SimIrBlasterTopics topics =
      sim::SimIrBlaster::topics_for(zigbee, spec.options.value("sensor_name", ""));
  RemoteProfile profile;
  profile.kind = "ir_blaster";
  profile.topic_root = kZigbeePrefix + zigbee + "/";
  profile.send_topic = "~/set";
  profile.expect_topic = topics.emitted;
  profile.outputs = {topics.availability, topics.state, topics.sensor, topics.emitted,
                     topics.control_error};
  profile.report_topic = topics.emitted;
  profile.report_link = "ir";
  profile.control_topic = topics.control;
  return profile;
}

// zigbee2mqtt/<name>[/set|/availability] and hilbench/ir/<name>/emitted; a <name>_room device is
// the room sensor of blaster <name>.
std::optional<HeardTopic> claim(const std::string& topic) {
  if (topic.rfind(kBenchPrefix, 0) == 0) {
    const auto end = topic.find('/', kBenchPrefix.size());
    if (end == std::string::npos || topic.compare(end, std::string::npos, "/emitted") != 0)
      return std::nullopt;
    const std::string name = topic.substr(kBenchPrefix.size(), end - kBenchPrefix.size());
    return HeardTopic{name, {{"zigbee_name", name}}, false, "ir"};
  }
  if (topic.rfind(kZigbeePrefix, 0) != 0 ||
      topic.find("/bridge/", kZigbeePrefix.size() - 1) == kZigbeePrefix.size() - 1) {
    return std::nullopt;
  }
  const auto end = topic.find('/', kZigbeePrefix.size());
  std::string name =
      topic.substr(kZigbeePrefix.size(),
                   end == std::string::npos ? std::string::npos : end - kZigbeePrefix.size());
  if (end == std::string::npos && name.size() > kRoomSuffix.size() &&
      name.compare(name.size() - kRoomSuffix.size(), kRoomSuffix.size(), kRoomSuffix) == 0) {
    name.resize(name.size() - kRoomSuffix.size());
  }
  const bool command =
      end != std::string::npos && topic.compare(end, std::string::npos, "/set") == 0;
  return HeardTopic{name, {{"zigbee_name", name}}, command, ""};
}

std::string check(const std::string& name, const nlohmann::json& options) {
  std::string why = sim::SimIrBlaster::check_name(options.value("zigbee_name", name));
  if (why.empty() && options.contains("sensor_name"))
    why = sim::SimIrBlaster::check_name(options["sensor_name"].get<std::string>());
  return why;
}

}  // namespace

Family ir_blaster_family() {
  const sim::SimIrBlasterOptions defaults;
  Family row;
  row.kind = "ir_blaster";
  row.aliases = {"ir-blaster"};
  row.summary =
      "a Zigbee IR blaster (ZS06 on Zigbee2MQTT) and the room its Daikin unit cools or heats";
  row.options = {
      text_option("zigbee_name",
                  "its Zigbee2MQTT friendly name; topics are `zigbee2mqtt/<zigbee_name>/`", nullptr,
                  "the device's name"),
      text_option("sensor_name", "the friendly name of the room's temperature sensor", nullptr,
                  "`<zigbee_name>_room`"),
      number_option("room_temperature", "the room's temperature at start, C",
                    sim::SimIrBlaster::kMinTemperatureC, sim::SimIrBlaster::kMaxTemperatureC,
                    defaults.room_temperature_c),
      number_option("outside_temperature", "the air outside, C",
                    sim::SimIrBlaster::kMinTemperatureC, sim::SimIrBlaster::kMaxTemperatureC,
                    defaults.outside_temperature_c),
      bool_option("online", "powered at start", defaults.online),
  };
  row.links = {
      {"mqtt", LinkShape::kPublishes,
       "`zigbee2mqtt/<zigbee_name>/set` (sends), its state, availability and sensor (outputs)"},
      {"ir", LinkShape::kReports, "the decoded frame of each send it completed (expects only)"}};
  row.settings = {
      {"online", "true|false", "plugged in or not: unplugged, a send in flight is lost"},
      {"room_temperature", "{celsius: C}", "the room's temperature now"},
      {"outside_temperature", "{celsius: C}", "the air outside now"}};
  row.signals = {{"room_temperature_c", "room_temp_c_x10", 10, ""},
                 {"online", "online", 0, ""},
                 {"busy", "busy", 0, ""}};
  row.plots = {{"room temperature (C)",
                {{"room_temperature_c", "room"}, {"outside_temperature_c", "outside"}}}};
  row.check = check;
  row.make = [](const DeviceSpec& spec, SimContext& context, DeviceOutput output,
                std::string& error) -> std::unique_ptr<Device> {
    return SimIrBlasterDevice::create(spec.name, spec.options, context.bus, context.scheduler,
                                      std::move(output), error);
  };
  row.remote = {Need::kOptional, Need::kRequired, remote_profile};
  row.record = {{kZigbeePrefix + "#", kBenchPrefix + "+/emitted"}, claim, nullptr, nullptr};
  row.process = {"--name NAME [--broker URL] [--room-temp C]", run_ir_blaster_sim_process};
  row.fleet = ir_blaster_fleet_rules();
  return row;
}

}  // namespace hil::scenario
