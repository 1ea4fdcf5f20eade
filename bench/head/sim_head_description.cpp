// What a simulated head has, from YAML or JSON.
#include "bench/head/sim_head_description.h"

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <set>

#include "bench/yaml/yaml_syntax_error.h"
#include "firmware_core/head/control_message.h"

namespace hil::bench {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

// Checks that `doc` is a mapping of only `known` keys; "" or why.
std::string unknown_key(const json& doc, const std::set<std::string>& known, const char* what) {
  if (!doc.is_object()) return std::string(what) + " must be a mapping, got " + doc.type_name();
  for (const auto& [key, value] : doc.items()) {
    if (known.count(key) != 0) continue;
    std::string list;
    for (const std::string& name : known) list += (list.empty() ? "" : ", ") + name;
    return "unknown key '" + key + "' in " + what + " (known: " + list + ")";
  }
  return "";
}

// Reads doc[key] into `out` when it is there and of the right type; false and why otherwise.
template <typename T>
bool read(const json& doc, const char* key, T& out, std::string& error) {
  const auto it = doc.find(key);
  if (it == doc.end()) return true;
  const bool fits = std::is_same_v<T, bool>          ? it->is_boolean()
                    : std::is_same_v<T, std::string> ? it->is_string()
                                                     : it->is_number_integer();
  if (!fits || (std::is_integral_v<T> && !std::is_same_v<T, bool> && it->get<long long>() < 0)) {
    error = std::string("'") + key + "' must be " +
            (std::is_same_v<T, bool>          ? "true or false"
             : std::is_same_v<T, std::string> ? "text"
                                              : "a whole number >= 0");
    return false;
  }
  out = it->get<T>();
  return true;
}

bool read_ms(const json& doc, const char* key, core::Micros& out, std::string& error) {
  long long ms = std::chrono::duration_cast<milliseconds>(out).count();
  if (!read(doc, key, ms, error)) return false;
  out = milliseconds(ms);
  return true;
}

json yaml_to_json(const YAML::Node& node) {
  if (node.IsMap()) {
    json out = json::object();
    for (const auto& entry : node) out[entry.first.Scalar()] = yaml_to_json(entry.second);
    return out;
  }
  if (node.IsSequence()) {
    json out = json::array();
    for (const auto& item : node) out.push_back(yaml_to_json(item));
    return out;
  }
  if (!node.IsScalar()) return nullptr;
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") return text;  // quoted: text whatever it looks like
  if (text == "true" || text == "false") return text == "true";
  long long integer = 0;
  if (YAML::convert<long long>::decode(node, integer)) return integer;
  return text;
}

}  // namespace

std::optional<sim::SimScript> sim_script_from_json(const json& doc, std::string& error) {
  error = unknown_key(doc,
                      {"runs_ms", "forever", "exit_code", "stdout", "stderr", "ignores_term",
                       "term_ms", "forks", "start_ms"},
                      "a script");
  if (!error.empty()) return std::nullopt;
  sim::SimScript script;
  if (read_ms(doc, "runs_ms", script.runs_for, error) &&
      read(doc, "forever", script.runs_forever, error) &&
      read(doc, "exit_code", script.exit_code, error) &&
      read(doc, "stdout", script.stdout_text, error) &&
      read(doc, "stderr", script.stderr_text, error) &&
      read(doc, "ignores_term", script.ignores_term, error) &&
      read_ms(doc, "term_ms", script.term_takes, error) &&
      read(doc, "forks", script.forks, error) &&
      read_ms(doc, "start_ms", script.start_takes, error))
    return script;
  return std::nullopt;
}

std::optional<sim::SimBluetoothDevice> sim_device_from_json(const json& doc, std::string& error) {
  error = unknown_key(doc, {"connect_ms", "fails_with", "message", "never_answers"},
                      "a Bluetooth device");
  if (!error.empty()) return std::nullopt;
  sim::SimBluetoothDevice device;
  if (read_ms(doc, "connect_ms", device.connect_takes, error) &&
      read(doc, "fails_with", device.fails_with, error) &&
      read(doc, "message", device.fail_message, error) &&
      read(doc, "never_answers", device.never_answers, error))
    return device;
  return std::nullopt;
}

std::optional<SimHeadDescription> sim_head_from_json(const json& doc, std::string& error) {
  error = unknown_key(doc, {"scripts", "bluetooth"}, "a simulated head");
  if (!error.empty()) return std::nullopt;
  SimHeadDescription out;
  const json scripts = doc.value("scripts", json::object());  // kept: items() only refers to it
  const json devices = doc.value("bluetooth", json::object());
  if (!scripts.is_object() || !devices.is_object()) {
    error = std::string(scripts.is_object() ? "bluetooth" : "scripts") + " must be a mapping";
    return std::nullopt;
  }
  for (const auto& [path, behaviour] : scripts.items()) {
    auto script = sim_script_from_json(behaviour, error);
    if (!script) {
      error = "scripts: " + path + ": " + error;
      return std::nullopt;
    }
    out.scripts[path] = *script;
  }
  for (const auto& [address, behaviour] : devices.items()) {
    const auto normal = head::normalized_address(address);
    auto device = normal ? sim_device_from_json(behaviour, error) : std::nullopt;
    if (!normal) error = "not an address such as 00:11:22:33:44:55";
    if (!device) {
      error = "bluetooth: " + address + ": " + error;
      return std::nullopt;
    }
    out.devices[*normal] = *device;
  }
  return out;
}

std::optional<SimHeadDescription> load_sim_head_file(const std::string& path, std::string& error) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    error = path + ": cannot read it";
    return std::nullopt;
  } catch (const YAML::ParserException& e) {
    const YamlSyntaxError syntax = describe_yaml_error(path, e);
    error = path + ":" + std::to_string(syntax.line) + ":" + std::to_string(syntax.column) + ": " +
            syntax.message;
    return std::nullopt;
  }
  auto description = sim_head_from_json(root.IsNull() ? json::object() : yaml_to_json(root), error);
  if (!description) error = path + ": " + error;
  return description;
}

void apply(const SimHeadDescription& description, sim::SimProcessRunner& runner,
           sim::SimBluetoothAdapter& adapter) {
  for (const auto& [path, script] : description.scripts) runner.describe(path, script);
  for (const auto& [address, device] : description.devices) adapter.describe(address, device);
}

}  // namespace hil::bench
