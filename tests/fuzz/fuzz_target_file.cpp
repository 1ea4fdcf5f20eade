// Fuzz target: arbitrary text as a target file. A refusal says why; a target that loads gives
// every device a serial port, a broker or a QEMU board, and (UTF-8 text) written back as YAML it
// loads as the same target.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <variant>

#include "bench/scenario/target_file.h"
#include "tests/fuzz/utf8.h"

namespace {

using hil::scenario::QemuDevice;
using hil::scenario::RemoteConnection;
using hil::scenario::Target;

void check(bool condition) {
  if (!condition) std::abort();
}

bool same(const RemoteConnection& a, const RemoteConnection& b) {
  return a.node_id == b.node_id && a.serial == b.serial && a.mqtt_url == b.mqtt_url &&
         a.username == b.username && a.password == b.password && a.tls_ca_file == b.tls_ca_file;
}

bool same(const QemuDevice* a, const QemuDevice* b) {
  if (a == nullptr || b == nullptr) return a == b;
  return a->image == b->image && a->board == b->board;
}

const QemuDevice* qemu_of(const Target& target, const std::string& name) {
  const auto it = target.qemu.find(name);
  return it == target.qemu.end() ? nullptr : &it->second;
}

// The target as a file would say it; `serial:` written with its prefix, which loading strips.
std::string to_yaml(const Target& target) {
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "devices" << YAML::Value << YAML::BeginMap;
  for (const auto& [name, connection] : target.devices) {
    out << YAML::Key << name << YAML::Value << YAML::BeginMap;
    if (const QemuDevice* qemu = qemu_of(target, name)) {
      out << YAML::Key << "qemu" << YAML::Value << YAML::BeginMap << YAML::Key << "image"
          << YAML::Value << YAML::DoubleQuoted << qemu->image << YAML::Key << "board" << YAML::Value
          << YAML::DoubleQuoted << qemu->board << YAML::EndMap;
    }
    const std::pair<const char*, std::string> fields[] = {
        {"node_id", connection.node_id},   {"serial", "serial:" + connection.serial},
        {"mqtt", connection.mqtt_url},     {"username", connection.username},
        {"password", connection.password}, {"tls_ca", connection.tls_ca_file}};
    for (const auto& [key, value] : fields)
      out << YAML::Key << key << YAML::Value << YAML::DoubleQuoted << value;
    out << YAML::EndMap;
  }
  out << YAML::EndMap << YAML::EndMap;
  check(out.good());
  return out.c_str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto loaded = hil::scenario::load_target_text(text, "fuzz-target.yaml");
  if (const auto* error = std::get_if<hil::scenario::LoadError>(&loaded)) {
    check(!error->message.empty() && error->where.file == "fuzz-target.yaml");
    return 0;
  }
  const Target& target = std::get<Target>(loaded);
  check(!target.devices.empty());
  for (const auto& [name, connection] : target.devices) {
    const bool board = qemu_of(target, name) != nullptr;
    check(board || !connection.serial.empty() || !connection.mqtt_url.empty());
    check(!board || (connection.serial.empty() && connection.mqtt_url.empty()));
  }

  if (!hil::fuzz::is_utf8(text)) return 0;  // the round trip holds for UTF-8 text
  const auto again = hil::scenario::load_target_text(to_yaml(target), "again.yaml");
  check(std::holds_alternative<Target>(again));
  const Target& back = std::get<Target>(again);
  check(back.devices.size() == target.devices.size());
  for (const auto& [name, connection] : target.devices) {
    const auto it = back.devices.find(name);
    check(it != back.devices.end() && same(it->second, connection));
    check(same(qemu_of(back, name), qemu_of(target, name)));
  }
  return 0;
}
