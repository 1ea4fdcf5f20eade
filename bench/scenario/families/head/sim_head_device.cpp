// The robot head's controller as a scenario device.
#include "bench/scenario/families/head/sim_head_device.h"

#include "bench/head/sim_head_description.h"

namespace hil::scenario {
namespace {

constexpr double kScenarioEpoch = 1'704'067'200.0;  // 2024-01-01 00:00:00 UTC

}  // namespace

double SimHeadDevice::Clock::unix_seconds() const {
  return kScenarioEpoch + static_cast<double>(scheduler.now().count()) / 1e6;
}

std::unique_ptr<SimHeadDevice> SimHeadDevice::create(const DeviceSpec& spec, sim::SimMqttBus& bus,
                                                     core::Scheduler& clock, DeviceOutput output,
                                                     std::string& error) {
  const std::string& name = spec.name;
  const nlohmann::json& options = spec.options;
  const std::string head_name = options.value("head_name", name);
  if (const std::string problem = head::head_name_problem(head_name); !problem.empty()) {
    error = "head device '" + name + "': head_name: " + problem;
    return nullptr;
  }
  std::optional<bench::SimHeadDescription> description;
  if (const std::string file = path_of(spec, "sim_file"); !file.empty()) {
    description = bench::load_sim_head_file(file, error);
    if (!description) return nullptr;
  }
  std::unique_ptr<SimHeadDevice> device(
      new SimHeadDevice(name, options, bus, clock, std::move(output)));
  if (description) bench::apply(*description, device->runner_, device->adapter_);
  device->start();
  return device;
}

SimHeadDevice::SimHeadDevice(const std::string& name, const nlohmann::json& options,
                             sim::SimMqttBus& bus, core::Scheduler& clock, DeviceOutput output)
    : SimBusDevice(name, bus, clock, std::move(output)),
      clock_(clock),
      wall_(clock),
      runner_(clock),
      adapter_(clock) {
  options_.name = options.value("head_name", name);
  options_.stop_grace = std::chrono::milliseconds(options.value("stop_grace_ms", 5000));
  options_.connect_timeout = std::chrono::milliseconds(options.value("connect_timeout_ms", 30000));
  described_ = {{"name", name},
                {"kind", "head"},
                {"head_name", options_.name},
                {"stop_grace_ms", core::to_ms(options_.stop_grace)},
                {"connect_timeout_ms", core::to_ms(options_.connect_timeout)}};
  if (options.contains("sim_file")) described_["sim_file"] = options["sim_file"];
}

SimHeadDevice::~SimHeadDevice() { head_.reset(); }  // its timers go while the clock still runs

void SimHeadDevice::start() {
  head_ = std::make_unique<head::HeadController>(
      head::HeadPorts{clock_, mqtt(), runner_, adapter_, wall_, log_}, options_);
  mqtt().connect();
}

DeviceTopics SimHeadDevice::topics() const {
  return {head::HeadTopics(options_.name).root(), "~/control/script/start", "~/status/#"};
}

void SimHeadDevice::on_message(std::string_view topic, std::string_view payload, bool) {
  if (head_) head_->on_message(topic, payload);
}

void SimHeadDevice::on_connected() {
  if (head_) head_->on_connected();
}

bool SimHeadDevice::power_cycle(std::string&) {
  mqtt().disconnect(false);  // the session dies with the process: the broker sends the will
  head_.reset();
  runner_.power_off();
  start();
  return true;
}

bool SimHeadDevice::set(const std::string& what, const nlohmann::json& value, std::string& error) {
  if (what == "script") {
    const std::string path = value.is_object() ? value.value("path", "") : "";
    nlohmann::json behaviour = value;
    if (behaviour.is_object()) behaviour.erase("path");
    const auto script = bench::sim_script_from_json(behaviour, error);
    if (path.empty() && script) error = "a script needs its 'path'";
    if (path.empty() || !script) return false;
    runner_.describe(path, *script);
    return true;
  }
  if (what == "bluetooth_device") {
    const std::string address = value.is_object() ? value.value("address", "") : "";
    nlohmann::json behaviour = value;
    if (behaviour.is_object()) behaviour.erase("address");
    const auto normal = head::normalized_address(address);
    const auto device = bench::sim_device_from_json(behaviour, error);
    if (!normal && device) error = "a Bluetooth device needs its 'address' (00:11:22:33:44:55)";
    if (!normal || !device) return false;
    adapter_.describe(*normal, *device);
    return true;
  }
  if (what == "bluetooth_drop") {
    const auto normal =
        value.is_string() ? head::normalized_address(value.get<std::string>()) : std::nullopt;
    if (!normal || !adapter_.drop(*normal)) {
      error = "bluetooth_drop: " + value.dump() + " is not a connected device";
      return false;
    }
    return true;
  }
  error = "unknown setting '" + what +
          "' for a head device; known: script, bluetooth_device, bluetooth_drop";
  return false;
}

nlohmann::json SimHeadDevice::snapshot() {
  return {{"running_scripts", head_ ? head_->live_runs() : 0},
          {"processes_alive", runner_.processes_alive()},
          {"bluetooth_connected", head_ ? head_->connected_devices().size() : 0}};
}

}  // namespace hil::scenario
