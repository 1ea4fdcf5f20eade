// The robot head controller's row: scripts and Bluetooth over MQTT under heads/{name}/
// (shared/specs/head-controller-mqtt.md), on simulated processes and a simulated adapter.
#include "bench/scenario/families/head/sim_head_device.h"
#include "bench/scenario/family.h"

namespace hil::scenario {
namespace {

const std::string kRoot = "heads/";

std::optional<RemoteProfile> remote_profile(const DeviceSpec& spec, const RemoteConnection&,
                                            std::string&) {
  RemoteProfile profile;
  profile.kind = "head";
  profile.topic_root = kRoot + spec.options.value("head_name", spec.name) + "/";
  profile.send_topic = "~/control/script/start";
  profile.expect_topic = "~/status/#";
  profile.outputs = {profile.topic_root + "status/#", profile.topic_root + "availability"};
  return profile;
}

// heads/<name>/...: commands are under control/.
std::optional<HeardTopic> claim(const std::string& topic) {
  if (topic.rfind(kRoot, 0) != 0) return std::nullopt;
  const auto end = topic.find('/', kRoot.size());
  if (end == std::string::npos) return std::nullopt;
  const std::string name = topic.substr(kRoot.size(), end - kRoot.size());
  const bool command = topic.compare(end, 9, "/control/") == 0;
  return HeardTopic{name, {{"head_name", name}}, command, ""};
}

}  // namespace

Family head_family() {
  Family row;
  row.kind = "head";
  row.summary =
      "the robot head's controller: scripts started, stopped and reported by id, Bluetooth "
      "devices connected, over MQTT under heads/{name}/";
  row.options = {
      text_option("head_name", "the name in its topics: heads/<head_name>/", nullptr,
                  "the device's name"),
      integer_option("stop_grace_ms", "from a stop's SIGTERM to SIGKILL", 0, 3'600'000, 5000),
      integer_option("connect_timeout_ms", "how long a Bluetooth connect may take", 1, 3'600'000,
                     30000),
      path_option("sim_file", "its scripts and Bluetooth devices (as `hilbench head --sim`)"),
  };
  row.links = {
      {"mqtt", LinkShape::kPublishes,
       "`~/control/script/start` (sends; also `~/control/script/stop`, `~/control/script/status`, "
       "`~/control/bluetooth/connect`), `~/status/script/<id>`, `~/status/scripts`, "
       "`~/status/bluetooth`, `~/status/errors`, `~/availability`"},
      {"processes", LinkShape::kState,
       "its processes now: running_scripts, processes_alive (every process of every run, what it "
       "left behind too), bluetooth_connected"}};
  row.settings = {
      {"script",
       "{path: P, runs_ms: N, forever: B, exit_code: N, stdout: T, stderr: T, ignores_term: B, "
       "term_ms: N, forks: N, start_ms: N}",
       "what the script at P does when started"},
      {"bluetooth_device",
       "{address: A, connect_ms: N, fails_with: NAME, message: T, never_answers: B}",
       "a Bluetooth device the adapter knows"},
      {"bluetooth_drop", "ADDRESS", "a connected device goes away (power, range)"}};
  row.signals = {{"running_scripts", "running_scripts", 1, ""},
                 {"processes_alive", "processes_alive", 1, ""},
                 {"bluetooth_connected", "bluetooth_connected", 1, ""}};
  row.plots = {{"processes",
                {{"running_scripts", "running scripts"}, {"processes_alive", "processes alive"}}}};
  row.make = [](const DeviceSpec& spec, SimContext& context, DeviceOutput output,
                std::string& error) -> std::unique_ptr<Device> {
    return SimHeadDevice::create(spec, context.bus, context.scheduler, std::move(output), error);
  };
  row.remote = {Need::kNo, Need::kRequired, remote_profile};
  row.record = {{kRoot + "+/control/#", kRoot + "+/status/#", kRoot + "+/availability"},
                claim,
                nullptr,
                nullptr};
  return row;
}

}  // namespace hil::scenario
