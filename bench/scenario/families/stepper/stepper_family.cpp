// The stepper node's row: an ESP32 with eight motors, a serial console and an MQTT command channel.
#include "bench/scenario/families/stepper/sim_stepper_device.h"
#include "bench/scenario/families/stepper/stepper_fleet_device.h"
#include "bench/scenario/families/stepper/stepper_sim_process.h"
#include "bench/scenario/family.h"

namespace hil::scenario {
namespace {

const std::string kTopicPrefix = "devices/";
constexpr double kNoMax = std::numeric_limits<double>::infinity();

// The node id of a devices/<id>/... topic, or "".
std::string node_of(const std::string& topic) {
  if (topic.rfind(kTopicPrefix, 0) != 0) return "";
  const auto end = topic.find('/', kTopicPrefix.size());
  return end == std::string::npos ? ""
                                  : topic.substr(kTopicPrefix.size(), end - kTopicPrefix.size());
}

std::optional<RemoteProfile> remote_profile(const DeviceSpec& spec,
                                            const RemoteConnection& connection,
                                            std::string& error) {
  const std::string node_id =
      connection.node_id.empty() ? spec.options.value("node_id", "") : connection.node_id;
  if (node_id.empty() && !connection.mqtt_url.empty()) {
    error = "no node_id for device '" + spec.name + "' (in the target or the scenario)";
    return std::nullopt;
  }
  RemoteProfile profile;
  profile.kind = "stepper";
  profile.topic_root = kTopicPrefix + node_id + "/";
  profile.send_topic = "~/cmd";
  profile.expect_topic = "~/cmd/resp";
  profile.outputs = {profile.topic_root + "cmd/resp", profile.topic_root + "status",
                     profile.topic_root + "config"};
  profile.state_topic = profile.topic_root + "status";
  return profile;
}

std::optional<HeardTopic> claim(const std::string& topic) {
  const std::string node = node_of(topic);
  if (node.empty()) return std::nullopt;
  return HeardTopic{node, {{"node_id", node}}, topic == kTopicPrefix + node + "/cmd", ""};
}

// The console's own lines: CTRL:... and NET:...; a tty recorded as NAME is node NAME.
std::optional<HeardTopic> claim_line(const std::string& name, std::string_view line) {
  if (line.rfind("CTRL:", 0) != 0 && line.rfind("NET:", 0) != 0) return std::nullopt;
  return HeardTopic{name, {{"node_id", name}}, false, ""};
}

// A node recorded on the wall clock had booted before: the first motor started in a status payload
// tells how long (its started_ms against the time of the command that started it); at least long
// enough to be on Wi-Fi.
std::int64_t boot_lead_ms(const std::string& name, const std::vector<LinkMessage>& messages) {
  constexpr std::int64_t kJoinedMs = 2000;
  std::int64_t last_input_ms = 0;
  for (const auto& message : messages) {
    if (message.device != name) continue;
    if (message.inbound) {
      last_input_ms = message.time_us / 1000;
      continue;
    }
    const std::string& topic = message.topic;
    if (topic.size() < 7 || topic.compare(topic.size() - 7, 7, "/status") != 0) continue;
    const auto doc = nlohmann::json::parse(message.payload, nullptr, false);
    if (!doc.is_object() || !doc.contains("motors") || !doc["motors"].is_object()) continue;
    for (const auto& motor : doc["motors"]) {
      if (!motor.is_object()) continue;
      const auto started = motor.value("started_ms", nlohmann::json());
      if (started.is_number_integer() && started.get<std::int64_t>() > 0 &&
          motor.value("moving", nlohmann::json()) == true) {
        return std::max<std::int64_t>(started.get<std::int64_t>() - last_input_ms, 0);
      }
    }
  }
  return kJoinedMs;
}

}  // namespace

Family stepper_family() {
  const sim::VirtualStepperRigOptions defaults;
  Family row;
  row.kind = "stepper";
  row.summary = "the ESP32 stepper node: eight motors, a serial console and MQTT commands";
  row.options = {
      text_option("node_id",
                  "the node's id (its MAC in lower-case hex); topics are `devices/<node_id>/`",
                  defaults.node_id),
      integer_option("seed", "the seed of its ids and noise", 0, kNoMax, nullptr,
                     "the run's seed plus the device's place in the list"),
      text_option("station_ip", "the address it gets on Wi-Fi", defaults.board.wifi.station_ip),
  };
  row.links = {{"serial", LinkShape::kLines, "the console: one command or reply a line"},
               {"mqtt", LinkShape::kPublishes,
                "`devices/<node_id>/cmd` (sends), `cmd/resp`, `status` and `config` (outputs)"}};
  row.settings = SimStepperDevice::settings();
  row.signals = {{"position", "position", 1, "motor"},
                 {"shaft_position", "shaft_position", 1, "motor"},
                 {"moving", "moving", 0, "motor"},
                 {"awake", "awake", 0, "motor"},
                 {"budget_s", "budget_s_x10", 10, "motor"},
                 {"driver_temp_c", "driver_temp_c_x10", 10, "motor"},
                 {"driver_overheated", "driver_overheated", 0, "motor"}};
  row.plots = {{"position (steps)", {{"position", "motor"}}},
               {"thermal budget (s)", {{"budget_s", "motor"}}},
               {"driver temperature (C)", {{"driver_temp_c", "motor"}}}};
  row.make = [](const DeviceSpec& spec, SimContext& context, DeviceOutput output,
                std::string&) -> std::unique_ptr<Device> {
    return std::make_unique<SimStepperDevice>(spec.name, spec.options, context.seed,
                                              context.scheduler, context.bus, std::move(output));
  };
  row.remote = {Need::kOptional, Need::kOptional, remote_profile};
  row.record = {{kTopicPrefix + "#"}, claim, claim_line, boot_lead_ms};
  row.process = {"--node-id ID [--broker URL] [--serial pty|PATH]", run_stepper_sim_process};
  row.fleet = stepper_fleet_rules();
  return row;
}

}  // namespace hil::scenario
