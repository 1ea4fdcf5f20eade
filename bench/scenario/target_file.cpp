// Target files and the sessions that run on them.
#include "bench/scenario/target_file.h"

#include <yaml-cpp/yaml.h>

#include "bench/scenario/real_session_clock.h"

namespace hil::scenario {
namespace {

Location where(const std::string& file, const YAML::Node& node) {
  return Location{file, node.Mark().line + 1, node.Mark().column + 1};
}

std::optional<LoadError> read_connection(const std::string& file, const YAML::Node& node, RemoteConnection& out) {
  if (!node.IsMap()) return LoadError{where(file, node), "a device's connection must be a mapping"};
  for (const auto& entry : node) {
    const std::string key = entry.first.as<std::string>();
    if (!entry.second.IsScalar()) return LoadError{where(file, entry.second), "'" + key + "' must be a string"};
    std::string value = entry.second.Scalar();
    if (key == "node_id") {
      out.node_id = value;
    } else if (key == "serial") {
      out.serial = value.rfind("serial:", 0) == 0 ? value.substr(7) : value;
    } else if (key == "mqtt") {
      out.mqtt_url = value;
    } else if (key == "username") {
      out.username = value;
    } else if (key == "password") {
      out.password = value;
    } else if (key == "tls_ca") {
      out.tls_ca_file = value;
    } else {
      return LoadError{where(file, entry.first),
                       "unknown key '" + key + "' in a target device; allowed: node_id, serial, mqtt, username, "
                       "password, tls_ca"};
    }
  }
  if (out.serial.empty() && out.mqtt_url.empty()) {
    return LoadError{where(file, node), "a target device needs 'serial', 'mqtt' or both"};
  }
  return std::nullopt;
}

}  // namespace

std::variant<Target, LoadError> load_target(const std::string& path) {
  Target target{path, {}};
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    return LoadError{Location{path, 0, 0}, "cannot read the target file"};
  } catch (const YAML::ParserException& e) {
    return LoadError{Location{path, e.mark.line + 1, e.mark.column + 1}, e.msg};
  }
  if (!root.IsMap()) return LoadError{Location{path, 1, 1}, "a target file is a mapping with 'devices'"};
  for (const auto& entry : root) {
    if (entry.first.as<std::string>() != "devices") {
      return LoadError{where(path, entry.first), "unknown key '" + entry.first.as<std::string>() + "'; allowed: devices"};
    }
  }
  const YAML::Node devices = root["devices"];
  if (!devices || !devices.IsMap() || devices.size() == 0) {
    return LoadError{devices ? where(path, devices) : Location{path, 1, 1}, "'devices' must map device names to connections"};
  }
  for (const auto& entry : devices) {
    RemoteConnection connection;
    if (auto error = read_connection(path, entry.second, connection)) return *error;
    target.devices.emplace(entry.first.as<std::string>(), std::move(connection));
  }
  return target;
}

std::function<std::unique_ptr<Session>(const SessionOptions&)> target_sessions(Target target, double time_scale,
                                                                               std::int64_t latency_ms) {
  return [target = std::move(target), time_scale, latency_ms](SessionOptions options) {
    options.min_timeout_ms = static_cast<std::int64_t>(static_cast<double>(latency_ms) * time_scale);
    auto clock = std::make_unique<RealSessionClock>(time_scale);
    RealSessionClock& real = *clock;
    DeviceFactory factory = [&real, target](const DeviceSpec& spec, std::uint64_t, DeviceOutput output,
                                            std::string& error) -> std::unique_ptr<Device> {
      const auto it = target.devices.find(spec.name);
      if (it == target.devices.end()) {
        error = "the target " + target.file + " has no connection for device '" + spec.name + "'";
        return nullptr;
      }
      RemoteConnection connection = it->second;
      if (connection.node_id.empty()) connection.node_id = spec.options.value("node_id", "");
      auto profile = remote_profile(spec, connection, error);
      if (!profile) return nullptr;
      const bool needs_mqtt = spec.kind == "hvac" || spec.kind == "ir_blaster";
      if ((needs_mqtt && connection.mqtt_url.empty()) || (spec.kind == "mcu" && connection.serial.empty())) {
        error = "the " + spec.kind + " device '" + spec.name + "' needs " + (needs_mqtt ? "an 'mqtt'" : "a 'serial'") +
                " connection in the target";
        return nullptr;
      }
      auto device = std::make_unique<RemoteDevice>(spec.name, std::move(*profile), connection, real.io(),
                                                   real.scheduler(), std::move(output));
      if (!device->open(error)) return nullptr;
      return device;
    };
    return std::make_unique<Session>(options, std::move(clock), std::move(factory));
  };
}

}  // namespace hil::scenario
