// Target files and the sessions that run on them.
#include "bench/scenario/target_file.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>

#include "bench/scenario/real_session_clock.h"
#include "bench/yaml/yaml_syntax_error.h"

namespace hil::scenario {
namespace {

Location where(const std::string& file, const YAML::Node& node) {
  return Location{file, node.Mark().line + 1, node.Mark().column + 1};
}

// A key that is not a plain name ([a], {b: c}, ~) has no text to compare or show.
std::optional<LoadError> check_key(const std::string& file, const YAML::Node& key) {
  if (key.IsScalar()) return std::nullopt;
  return LoadError{where(file, key), "keys in a target file must be plain names"};
}

// A scenario's device names ([A-Za-z_][A-Za-z0-9_-]*): a target's other names could never be
// used, and one with control characters could not even be shown.
bool device_name(const std::string& name) {
  const auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  if (name.empty() || !(letter(name[0]) || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return letter(c) || digit(c) || c == '_' || c == '-'; });
}

// Where the target file's relative paths start from.
std::string joined(const std::string& file, const std::string& path) {
  const std::filesystem::path folder = std::filesystem::path(file).parent_path();
  return folder.empty() ? path : (folder / path).string();
}

std::optional<LoadError> read_qemu(const std::string& file, const YAML::Node& node,
                                   QemuDevice& out) {
  if (!node.IsMap()) {
    return LoadError{where(file, node),
                     "'qemu' must be a mapping: {image: FIRMWARE.elf, board: BOARD}"};
  }
  bool has_image = false;
  for (const auto& entry : node) {
    if (auto error = check_key(file, entry.first)) return error;
    const std::string key = entry.first.Scalar();
    if (key != "image" && key != "board") {
      return LoadError{where(file, entry.first),
                       "unknown key '" + key + "' in 'qemu'; allowed: image, board"};
    }
    if (!entry.second.IsScalar() || entry.second.Scalar().empty())
      return LoadError{where(file, entry.second), "'" + key + "' must be a non-empty string"};
    const std::string value = entry.second.Scalar();
    if (key == "image") {
      out.image = joined(file, value);
      has_image = true;
    } else if (bench::find_qemu_board(value) == nullptr) {
      return LoadError{where(file, entry.second),
                       "unknown QEMU board '" + value + "'; known: " + bench::known_qemu_boards()};
    } else {
      out.board = value;
    }
  }
  if (!has_image) return LoadError{where(file, node), "'qemu' needs 'image', the firmware to run"};
  return std::nullopt;
}

std::optional<LoadError> read_connection(const std::string& file, const YAML::Node& node,
                                         RemoteConnection& out, std::optional<QemuDevice>& qemu) {
  if (!node.IsMap()) return LoadError{where(file, node), "a device's connection must be a mapping"};
  Location serial_at, mqtt_at;  // where the keys stand, for refusals
  for (const auto& entry : node) {
    if (auto error = check_key(file, entry.first)) return error;
    const std::string key = entry.first.Scalar();
    if (key == "qemu") {
      if (auto error = read_qemu(file, entry.second, qemu.emplace())) return error;
      continue;
    }
    if (!entry.second.IsScalar())
      return LoadError{where(file, entry.second), "'" + key + "' must be a string"};
    std::string value = entry.second.Scalar();
    if (key == "node_id") {
      out.node_id = value;
    } else if (key == "serial") {
      out.serial = value.rfind("serial:", 0) == 0 ? value.substr(7) : value;
      serial_at = where(file, entry.first);
    } else if (key == "mqtt") {
      out.mqtt_url = value;
      mqtt_at = where(file, entry.first);
    } else if (key == "username") {
      out.username = value;
    } else if (key == "password") {
      out.password = value;
    } else if (key == "tls_ca") {
      out.tls_ca_file = value;
    } else {
      return LoadError{where(file, entry.first),
                       "unknown key '" + key +
                           "' in a target device; allowed: node_id, serial, mqtt, qemu, "
                           "username, password, tls_ca"};
    }
  }
  if (qemu && !out.serial.empty()) {
    return LoadError{serial_at,
                     "a device with 'qemu' gets its serial port from the board; remove 'serial'"};
  }
  if (qemu && !out.mqtt_url.empty()) {
    return LoadError{mqtt_at,
                     "a device with 'qemu' has no MQTT link (the board has no network); remove "
                     "'mqtt'"};
  }
  if (!qemu && out.serial.empty() && out.mqtt_url.empty()) {
    return LoadError{where(file, node),
                     "a target device needs 'serial', 'mqtt' or both, or 'qemu'"};
  }
  return std::nullopt;
}

// The target in a parsed document.
std::variant<Target, LoadError> read_target(const std::string& path, const YAML::Node& root) {
  Target target{path, {}, {}, {}};
  if (!root.IsMap())
    return LoadError{Location{path, 1, 1}, "a target file is a mapping with 'devices'"};
  for (const auto& entry : root) {
    if (auto error = check_key(path, entry.first)) return *error;
    if (entry.first.Scalar() != "devices") {
      return LoadError{where(path, entry.first),
                       "unknown key '" + entry.first.Scalar() + "'; allowed: devices"};
    }
  }
  const YAML::Node devices = root["devices"];
  if (!devices || !devices.IsMap() || devices.size() == 0) {
    return LoadError{devices ? where(path, devices) : Location{path, 1, 1},
                     "'devices' must map device names to connections"};
  }
  for (const auto& entry : devices) {
    if (auto error = check_key(path, entry.first)) return *error;
    if (!device_name(entry.first.Scalar())) {
      return LoadError{where(path, entry.first),
                       "a device name is a scenario's device name: [A-Za-z_][A-Za-z0-9_-]*"};
    }
    RemoteConnection connection;
    std::optional<QemuDevice> qemu;
    if (auto error = read_connection(path, entry.second, connection, qemu)) return *error;
    target.devices.emplace(entry.first.Scalar(), std::move(connection));
    if (qemu) target.qemu.emplace(entry.first.Scalar(), std::move(*qemu));
  }
  return target;
}

}  // namespace

std::variant<Target, LoadError> load_target(const std::string& path) {
  try {
    return read_target(path, YAML::LoadFile(path));
  } catch (const YAML::BadFile&) {
    return LoadError{Location{path, 0, 0}, "cannot read the target file"};
  } catch (const YAML::ParserException& e) {
    const bench::YamlSyntaxError syntax = bench::describe_yaml_error(path, e);
    return LoadError{Location{path, syntax.line, syntax.column}, "invalid YAML: " + syntax.message};
  }
}

std::variant<Target, LoadError> load_target_text(const std::string& text, const std::string& path) {
  try {
    return read_target(path, YAML::Load(text));
  } catch (const YAML::ParserException& e) {
    std::istringstream in(text);
    const bench::YamlSyntaxError syntax = bench::describe_yaml_error(in, e);
    return LoadError{Location{path, syntax.line, syntax.column}, "invalid YAML: " + syntax.message};
  }
}

namespace {

// Why the connection lacks what the family needs ("" when it has it).
std::string missing(const Family& family, const DeviceSpec& spec,
                    const RemoteConnection& connection) {
  const auto lacks = [](Need need, const std::string& value) {
    return need == Need::kRequired && value.empty();
  };
  const auto refuses = [](Need need, const std::string& value) {
    return need == Need::kNo && !value.empty();
  };
  const std::string device = "the " + family.kind + " device '" + spec.name + "'";
  if (lacks(family.remote.serial, connection.serial))
    return device + " needs a 'serial' connection in the target";
  if (lacks(family.remote.mqtt, connection.mqtt_url))
    return device + " needs an 'mqtt' connection in the target";
  if (refuses(family.remote.serial, connection.serial))
    return device + " has no serial link; remove 'serial'";
  if (refuses(family.remote.mqtt, connection.mqtt_url))
    return device + " has no MQTT link; remove 'mqtt'";
  return "";
}

}  // namespace

std::function<std::unique_ptr<Session>(const SessionOptions&)> target_sessions(
    Target target, double time_scale, std::int64_t latency_ms, const FamilyRegistry& families) {
  return [target = std::move(target), time_scale, latency_ms, &families](SessionOptions options) {
    options.min_timeout_ms =
        static_cast<std::int64_t>(static_cast<double>(latency_ms) * time_scale);
    auto clock = std::make_unique<RealSessionClock>(time_scale);
    RealSessionClock& real = *clock;
    DeviceFactory factory = [&real, target](const Family& family, const DeviceSpec& spec,
                                            std::uint64_t, DeviceOutput output,
                                            std::string& error) -> std::unique_ptr<Device> {
      const auto it = target.devices.find(spec.name);
      if (it == target.devices.end()) {
        error = "the target " + target.file + " has no connection for device '" + spec.name + "'";
        return nullptr;
      }
      RemoteConnection connection = it->second;
      if (connection.serial.empty() && target.qemu.count(spec.name) != 0) {
        error = "the device '" + spec.name +
                "' runs on a QEMU board that was not started (hilbench run and replay start it)";
        return nullptr;
      }
      if (connection.node_id.empty()) connection.node_id = spec.options.value("node_id", "");
      error = missing(family, spec, connection);
      if (!error.empty()) return nullptr;
      if (!family.remote.profile) {
        error = "the " + family.kind + " family cannot be reached through a target";
        return nullptr;
      }
      auto profile = family.remote.profile(spec, connection, error);
      if (!profile) return nullptr;
      auto device =
          std::make_unique<RemoteDevice>(spec.name, std::move(*profile), connection, real.io(),
                                         real.scheduler(), std::move(output), target.log);
      if (!device->open(error)) return nullptr;
      return device;
    };
    return std::make_unique<Session>(options, std::move(clock), std::move(factory), families);
  };
}

}  // namespace hil::scenario
