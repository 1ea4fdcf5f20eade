// Reads scenario YAML into the Scenario model; every problem becomes a located LoadError.
#include "bench/scenario/scenario_loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "bench/yaml/yaml_syntax_error.h"

namespace hil::scenario {
namespace {

namespace fs = std::filesystem;
using Keys = std::vector<std::string>;

constexpr std::int64_t kNoMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kSmallMax = 1000;  // ranges up to this read "from min to max" in messages

// Thrown inside the loader only; load_scenario turns it into its result.
struct Failure {
  LoadError error;
};

const Keys kScenarioKeys = {"name", "limit_ms", "devices", "steps"};
const Keys kActionKeys = {"advance", "delay", "send",   "expect", "expect_none",
                          "fault",   "set",   "repeat", "include"};
const Keys kFaultKinds = {"broker_outage", "link_down", "power_cycle", "drop",
                          "duplicate",     "delay",     "corrupt"};

bool is_impairment(const std::string& kind) {
  return kind == "drop" || kind == "duplicate" || kind == "delay" || kind == "corrupt";
}

// A name rule: the pattern and how messages spell it.
struct NameRule {
  std::regex pattern;
  std::string shape;
};

const NameRule kDeviceName{std::regex("[A-Za-z_][A-Za-z0-9_-]*"), "[A-Za-z_][A-Za-z0-9_-]*"};
const NameRule kIdentifier{std::regex("[A-Za-z_][A-Za-z0-9_]*"), "[A-Za-z_][A-Za-z0-9_]*"};
const std::regex kIntegerPattern("[-+]?[0-9]+");
const std::regex kFloatPattern(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
const std::regex kVariablePattern(R"(\$\{[A-Za-z_][A-Za-z0-9_]*\})");

std::string join(const Keys& keys) {
  std::string text;
  for (const auto& key : keys) text += (text.empty() ? "" : ", ") + key;
  return text;
}

bool contains(const Keys& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

Location location_of(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

bool is_plain(const YAML::Node& node) { return node.IsScalar() && node.Tag() == "?"; }

// How a node reads in a message: "'abc'", "the string \"5\"", "a mapping", ...
std::string describe(const YAML::Node& node) {
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  if (!node.IsScalar()) return "an empty value";
  if (is_plain(node)) return "'" + node.Scalar() + "'";
  return "the string \"" + node.Scalar() + "\"";
}

std::optional<std::int64_t> parse_int(const std::string& text) {
  if (!std::regex_match(text, kIntegerPattern)) return std::nullopt;
  const std::size_t start = text[0] == '+' ? 1 : 0;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data() + start, text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> parse_float(const std::string& text) {
  if (!std::regex_match(text, kFloatPattern)) return std::nullopt;
  const std::size_t start = text[0] == '+' ? 1 : 0;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data() + start, text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<bool> parse_bool(const std::string& text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

std::string describe_range(std::int64_t min, std::int64_t max) {
  if (max <= kSmallMax)
    return "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  const std::string bound = max == kNoMax ? "" : " no larger than " + std::to_string(max);
  if (min == 0) return "a non-negative integer" + bound;
  if (min == 1) return "a positive integer" + bound;
  return "an integer from " + std::to_string(min) + bound;
}

// The regex as the runner will see it once `${name}` references are substituted.
std::regex compile_for_check(const std::string& text) {
  return std::regex(std::regex_replace(text, kVariablePattern, "x"), std::regex::ECMAScript);
}

bool is_json_path(const std::string& path) {
  if (path.empty() || path.front() == '.' || path.back() == '.') return false;
  return path.find("..") == std::string::npos;
}

Keys device_keys(const Family& family) {
  Keys keys = {"name", "kind"};
  for (const auto& option : family.options) keys.push_back(option.key);
  return keys;
}

// One file being read: where its nodes are reported, and its canonical path for include cycles.
struct Source {
  std::string path;
  fs::path canonical;
};

bool is_file(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error);
}

Source source_for(const fs::path& path) {
  std::error_code error;
  const fs::path canonical = fs::weakly_canonical(path, error);
  return {path.string(), error ? path : canonical};
}

class Loader {
 public:
  // `text`: the root file's contents when they are held in memory (nullopt: read the file).
  Loader(std::string path, std::optional<std::string> text, const FamilyRegistry& families)
      : root_path_(std::move(path)), root_text_(std::move(text)), families_(families) {
    for (const LinkSpec& link : families.links()) {
      if (link.expected()) expect_links_.push_back(link.name);
      if (link.sent()) send_links_.push_back(link.name);
      if (link.sent() || link.device_impairs) fault_links_.push_back(link.name);
    }
  }

  Scenario load();

 private:
  using Body = decltype(Step::body);

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    throw Failure{{where(node), message}};
  }
  Location where(const YAML::Node& node) const {
    return location_of(sources_.back().path, node.Mark());
  }

  YAML::Node read_yaml_file(const std::string& path) const;
  YAML::Node read_root() const;
  void check_mapping(const YAML::Node& node, const std::string& what, const Keys& allowed) const;
  void check_keys(const YAML::Node& node, const std::string& what, const Keys& allowed) const;
  YAML::Node require(const YAML::Node& map, const std::string& key, const std::string& what) const;
  std::string one_of(const YAML::Node& map, const Keys& choices, const std::string& what) const;

  std::string read_string(const YAML::Node& node, const std::string& key) const;
  std::string read_text(const YAML::Node& node, const std::string& key) const;
  std::string read_choice(const YAML::Node& node, const std::string& key,
                          const Keys& choices) const;
  std::string read_name(const YAML::Node& node, const std::string& key, const NameRule& rule) const;
  std::int64_t read_int(const YAML::Node& node, const std::string& key, std::int64_t min,
                        std::int64_t max = kNoMax) const;
  bool read_bool(const YAML::Node& node, const std::string& key) const;
  std::string read_regex(const YAML::Node& node, const std::string& key) const;
  nlohmann::json to_json(const YAML::Node& node) const;
  nlohmann::json scalar_to_json(const YAML::Node& node) const;

  std::vector<DeviceSpec> parse_devices(const YAML::Node& list) const;
  DeviceSpec parse_device(const YAML::Node& node) const;
  nlohmann::json parse_options(const YAML::Node& node, const Family& family) const;
  nlohmann::json read_option(const YAML::Node& node, const OptionSpec& option) const;
  std::string read_device(const YAML::Node& map, const std::string& what) const;
  std::string read_declared_device(const YAML::Node& node) const;
  // Fails at `node` unless the device's kind has the link.
  void check_link(const YAML::Node& node, const std::string& device, const std::string& link) const;

  void parse_steps(const YAML::Node& list, std::vector<Step>& out);
  void parse_step(const YAML::Node& item, std::vector<Step>& out);
  Body parse_body(const std::string& action, const YAML::Node& value);
  SendStep parse_send(const YAML::Node& node) const;
  void parse_mqtt_send(const YAML::Node& node, SendStep& send) const;
  Matcher parse_matcher(const YAML::Node& map, LinkRef& on, const std::string& what) const;
  Matcher parse_mqtt_matcher(const YAML::Node& node, LinkRef& on) const;
  ExpectStep parse_expect(const YAML::Node& node) const;
  std::vector<std::pair<std::string, std::string>> parse_capture(const YAML::Node& node,
                                                                 const Matcher& match) const;
  std::string parse_capture_source(const YAML::Node& node, const Matcher& match) const;
  ExpectNoneStep parse_expect_none(const YAML::Node& node) const;
  FaultStep parse_fault(const YAML::Node& node) const;
  void parse_fault_link(const YAML::Node& node, FaultStep& fault) const;
  void parse_fault_duration(const YAML::Node& node, FaultStep& fault) const;
  void parse_fault_impairment(const YAML::Node& node, FaultStep& fault) const;
  SetStep parse_set(const YAML::Node& node) const;
  RepeatStep parse_repeat(const YAML::Node& node);
  void include(const YAML::Node& step, const YAML::Node& value, std::vector<Step>& out);
  YAML::Node fragment_steps(const YAML::Node& root) const;
  std::string include_chain(const fs::path& canonical) const;
  // A file a scenario names: an absolute path as it is, a relative one from the file's folder.
  std::string from_scenario_folder(const std::string& file) const;

  // Which keys a step may name its link with: every link of a family, or those a send can use.
  Keys with_links(Keys keys, const Keys& links) const {
    keys.insert(keys.begin() + 1, links.begin(), links.end());
    return keys;
  }
  LinkShape shape_of(const std::string& link) const { return families_.link(link)->shape; }

  std::string root_path_;
  std::optional<std::string> root_text_;
  const FamilyRegistry& families_;
  Keys send_links_;
  Keys expect_links_;
  Keys fault_links_;             // links a link_down or an impairment may name
  std::vector<Source> sources_;  // the root file, then the includes being read
  Keys device_names_;
  std::map<std::string, const Family*> device_kinds_;  // device name -> its family
};

Scenario Loader::load() {
  sources_.push_back(source_for(root_path_));
  const YAML::Node root = read_root();
  check_keys(root, "a scenario", kScenarioKeys);
  Scenario scenario;
  scenario.where = where(root);
  scenario.name = read_text(require(root, "name", "the scenario"), "name");
  if (const YAML::Node limit = root["limit_ms"]) scenario.limit_ms = read_int(limit, "limit_ms", 1);
  scenario.devices = parse_devices(require(root, "devices", "the scenario"));
  for (const auto& device : scenario.devices) {
    device_names_.push_back(device.name);
    device_kinds_[device.name] = families_.find(device.kind);
  }
  parse_steps(require(root, "steps", "the scenario"), scenario.steps);
  return scenario;
}

YAML::Node Loader::read_yaml_file(const std::string& path) const {
  try {
    return YAML::LoadFile(path);
  } catch (const YAML::ParserException& error) {
    const bench::YamlSyntaxError syntax = bench::describe_yaml_error(path, error);
    throw Failure{{{path, syntax.line, syntax.column}, "invalid YAML: " + syntax.message}};
  } catch (const YAML::BadFile&) {
    throw Failure{{{path, 0, 0}, "cannot read file"}};
  }
}

YAML::Node Loader::read_root() const {
  if (!root_text_) {
    if (!is_file(root_path_))
      throw Failure{{{root_path_, 0, 0}, "cannot read scenario file: no such file"}};
    return read_yaml_file(root_path_);
  }
  try {
    return YAML::Load(*root_text_);
  } catch (const YAML::ParserException& error) {
    std::istringstream text(*root_text_);
    const bench::YamlSyntaxError syntax = bench::describe_yaml_error(text, error);
    throw Failure{{{root_path_, syntax.line, syntax.column}, "invalid YAML: " + syntax.message}};
  }
}

// A mapping whose keys are distinct scalars; `allowed` only names them in the message.
void Loader::check_mapping(const YAML::Node& node, const std::string& what,
                           const Keys& allowed) const {
  if (!node.IsMap())
    fail(node, what + " must be a mapping (keys: " + join(allowed) + "), got " + describe(node));
  std::set<std::string> seen;
  for (const auto& entry : node) {
    if (!entry.first.IsScalar()) fail(entry.first, "keys in " + what + " must be plain names");
    if (!seen.insert(entry.first.Scalar()).second)
      fail(entry.first, "duplicate key '" + entry.first.Scalar() + "'");
  }
}

void Loader::check_keys(const YAML::Node& node, const std::string& what,
                        const Keys& allowed) const {
  check_mapping(node, what, allowed);
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    if (!contains(allowed, key))
      fail(entry.first, "unknown key '" + key + "' in " + what + "; allowed: " + join(allowed));
  }
}

YAML::Node Loader::require(const YAML::Node& map, const std::string& key,
                           const std::string& what) const {
  const YAML::Node value = map[key];
  if (!value) fail(map, "missing required key '" + key + "' in " + what);
  return value;
}

// The one key of `choices` that `map` has; fails when it has none or several.
std::string Loader::one_of(const YAML::Node& map, const Keys& choices,
                           const std::string& what) const {
  std::string found;
  for (const auto& entry : map) {
    const std::string key = entry.first.Scalar();
    if (!contains(choices, key)) continue;
    if (!found.empty()) {
      fail(entry.first, what + " takes exactly one of " + join(choices) + "; found both '" + found +
                            "' and '" + key + "'");
    }
    found = key;
  }
  if (found.empty()) fail(map, what + " needs one of " + join(choices));
  return found;
}

std::string Loader::read_string(const YAML::Node& node, const std::string& key) const {
  if (!node.IsScalar()) fail(node, "'" + key + "' must be a string, got " + describe(node));
  return node.Scalar();
}

std::string Loader::read_text(const YAML::Node& node, const std::string& key) const {
  std::string text = read_string(node, key);
  if (text.empty()) fail(node, "'" + key + "' must not be empty");
  return text;
}

std::string Loader::read_choice(const YAML::Node& node, const std::string& key,
                                const Keys& choices) const {
  std::string text = read_string(node, key);
  if (!contains(choices, text))
    fail(node, "unknown " + key + " '" + text + "'; expected one of " + join(choices));
  return text;
}

std::string Loader::read_name(const YAML::Node& node, const std::string& key,
                              const NameRule& rule) const {
  std::string text = read_string(node, key);
  if (!std::regex_match(text, rule.pattern))
    fail(node, key + " '" + text + "' must match " + rule.shape);
  return text;
}

std::int64_t Loader::read_int(const YAML::Node& node, const std::string& key, std::int64_t min,
                              std::int64_t max) const {
  const std::optional<std::int64_t> value =
      is_plain(node) ? parse_int(node.Scalar()) : std::nullopt;
  if (!value || *value < min || *value > max) {
    fail(node, "'" + key + "' must be " + describe_range(min, max) + ", got " + describe(node));
  }
  return *value;
}

bool Loader::read_bool(const YAML::Node& node, const std::string& key) const {
  const std::optional<bool> value = is_plain(node) ? parse_bool(node.Scalar()) : std::nullopt;
  if (!value) fail(node, "'" + key + "' must be true or false, got " + describe(node));
  return *value;
}

std::string Loader::read_regex(const YAML::Node& node, const std::string& key) const {
  std::string text = read_string(node, key);
  try {
    compile_for_check(text);
  } catch (const std::regex_error& error) {
    fail(node, "invalid regex '" + text + "': " + error.what());
  }
  return text;
}

nlohmann::json Loader::to_json(const YAML::Node& node) const {
  if (node.IsScalar()) return scalar_to_json(node);
  if (node.IsSequence()) {
    nlohmann::json array = nlohmann::json::array();
    for (const auto& item : node) array.push_back(to_json(item));
    return array;
  }
  if (!node.IsMap()) return nullptr;
  check_mapping(node, "a JSON object", {});
  nlohmann::json object = nlohmann::json::object();
  for (const auto& entry : node) object[entry.first.Scalar()] = to_json(entry.second);
  return object;
}

// Plain scalars are typed as in YAML's core schema; quoted or tagged ones stay strings.
nlohmann::json Loader::scalar_to_json(const YAML::Node& node) const {
  const std::string& text = node.Scalar();
  if (!is_plain(node)) return text;
  if (const auto flag = parse_bool(text)) return *flag;
  if (const auto integer = parse_int(text)) return *integer;
  if (const auto number = parse_float(text)) return *number;
  return text;
}

std::vector<DeviceSpec> Loader::parse_devices(const YAML::Node& list) const {
  if (!list.IsSequence() || list.size() == 0)
    fail(list, "'devices' must be a non-empty list, got " + describe(list));
  std::vector<DeviceSpec> devices;
  for (const auto& item : list) {
    DeviceSpec device = parse_device(item);
    for (const auto& earlier : devices) {
      if (earlier.name == device.name) {
        fail(item["name"], "duplicate device name '" + device.name + "' (first declared at line " +
                               std::to_string(earlier.where.line) + ")");
      }
    }
    devices.push_back(std::move(device));
  }
  return devices;
}

DeviceSpec Loader::parse_device(const YAML::Node& node) const {
  check_mapping(node, "a device", {"name", "kind"});
  const YAML::Node kind_node = require(node, "kind", "a device");
  const Family* family = families_.find(read_string(kind_node, "kind"));
  if (family == nullptr) fail(kind_node, families_.unknown(kind_node.Scalar()));
  check_keys(node, "a " + family->kind + " device", device_keys(*family));
  DeviceSpec device;
  device.name = read_name(require(node, "name", "a device"), "device name", kDeviceName);
  device.kind = family->kind;
  device.options = parse_options(node, *family);
  device.where = where(node);
  if (family->check) {
    if (const std::string why = family->check(device.name, with_defaults(*family, device.options));
        !why.empty()) {
      fail(node, "the " + family->kind + " device '" + device.name + "': " + why);
    }
  }
  return device;
}

nlohmann::json Loader::parse_options(const YAML::Node& node, const Family& family) const {
  nlohmann::json options = nlohmann::json::object();
  for (const auto& option : family.options) {
    if (const YAML::Node value = node[option.key]) options[option.key] = read_option(value, option);
  }
  return options;
}

// An option's value typed as its row says (a quoted "5" stays text), then checked against the row.
nlohmann::json Loader::read_option(const YAML::Node& node, const OptionSpec& option) const {
  nlohmann::json value;
  if (option.type == OptionType::kText || option.type == OptionType::kChoice) {
    value = read_string(node, option.key);
  } else if (option.type == OptionType::kBool) {
    value = read_bool(node, option.key);
  } else {
    const auto integer = is_plain(node) ? parse_int(node.Scalar()) : std::nullopt;
    const auto number = is_plain(node) ? parse_float(node.Scalar()) : std::nullopt;
    if (number && option.type == OptionType::kNumber) {
      value = *number;  // 15 reads 15.0, as a number always has
    } else if (integer) {
      value = *integer;
    } else {
      value = node.IsScalar() ? nlohmann::json(node.Scalar()) : nlohmann::json(describe(node));
    }
  }
  if (const std::string why = check_option(option, value, describe(node)); !why.empty())
    fail(node, why);
  return value;
}

// The `device:` of a step, or the only device when the scenario declares one.
std::string Loader::read_device(const YAML::Node& map, const std::string& what) const {
  if (const YAML::Node device = map["device"]) return read_declared_device(device);
  if (device_names_.size() != 1) {
    fail(map, what + " needs 'device': the scenario declares " +
                  std::to_string(device_names_.size()) + " devices (" + join(device_names_) + ")");
  }
  return device_names_.front();
}

std::string Loader::read_declared_device(const YAML::Node& node) const {
  std::string name = read_string(node, "device");
  if (!contains(device_names_, name))
    fail(node, "unknown device '" + name + "'; declared: " + join(device_names_));
  return name;
}

void Loader::check_link(const YAML::Node& node, const std::string& device,
                        const std::string& link) const {
  const Family* family = device_kinds_.at(device);
  if (!family->has_link(link)) {
    fail(node, "the " + family->kind + " device '" + device + "' has no " + link +
                   " link; its links: " + family->link_names());
  }
}

void Loader::parse_steps(const YAML::Node& list, std::vector<Step>& out) {
  if (!list.IsSequence()) fail(list, "'steps' must be a list of steps, got " + describe(list));
  for (const auto& item : list) parse_step(item, out);
}

void Loader::parse_step(const YAML::Node& item, std::vector<Step>& out) {
  Keys allowed = kActionKeys;
  allowed.push_back("name");
  check_keys(item, "a step", allowed);
  const std::string action = one_of(item, kActionKeys, "a step");
  const YAML::Node name = item["name"];
  if (action == "include") {
    if (name) fail(name, "an include step takes no 'name'; the included steps keep their own");
    include(item, item[action], out);
    return;
  }
  Step step;
  step.where = where(item);
  if (name) step.label = read_string(name, "name");
  step.body = parse_body(action, item[action]);
  out.push_back(std::move(step));
}

Loader::Body Loader::parse_body(const std::string& action, const YAML::Node& value) {
  if (action == "advance" || action == "delay")
    return AdvanceStep{read_int(value, action, 0), action == "delay"};
  if (action == "send") return parse_send(value);
  if (action == "expect") return parse_expect(value);
  if (action == "expect_none") return parse_expect_none(value);
  if (action == "fault") return parse_fault(value);
  if (action == "set") return parse_set(value);
  return parse_repeat(value);
}

SendStep Loader::parse_send(const YAML::Node& node) const {
  check_keys(node, "send", with_links({"device"}, send_links_));
  SendStep send;
  send.to.device = read_device(node, "send");
  const std::string link = send.to.link = one_of(node, send_links_, "send");
  check_link(node[link], send.to.device, link);
  if (shape_of(link) == LinkShape::kPublishes) {
    parse_mqtt_send(node[link], send);
  } else if (shape_of(link) == LinkShape::kSignals) {
    // What the peripheral picks up, as the family's row describes it: {tone_hz: 1000, ms: 500}.
    check_mapping(node[link], "a " + link + " signal", {"<signal key>"});
    send.json = to_json(node[link]);
    const LinkSpec* spec = device_kinds_.at(send.to.device)->link(link);
    for (const std::string& key : spec->path_keys) {
      if (const auto file = send.json->find(key); file != send.json->end() && file->is_string())
        *file = from_scenario_folder(file->get<std::string>());
    }
    const bool has_variables = send.json->dump().find("${") != std::string::npos;
    if (spec->check && !has_variables) {
      if (const std::string why = spec->check(*send.json); !why.empty()) fail(node[link], why);
    }
  } else if (node[link].IsMap()) {
    // A JSON line: {json: {...}} is serialised compactly, as the UART protocols want.
    check_keys(node[link], link + " send", {"json"});
    send.json = to_json(require(node[link], "json", link + " send"));
  } else {
    send.text = read_string(node[link], link);
  }
  return send;
}

void Loader::parse_mqtt_send(const YAML::Node& node, SendStep& send) const {
  check_keys(node, "mqtt send", {"topic", "json", "payload", "qos", "retain"});
  if (node["topic"])
    send.to.topic = read_text(node["topic"], "topic");  // else the device's default
  if (one_of(node, {"json", "payload"}, "mqtt send") == "json") {
    send.json = to_json(node["json"]);
  } else {
    send.text = read_string(node["payload"], "payload");
  }
  if (const YAML::Node qos = node["qos"]) send.qos = static_cast<int>(read_int(qos, "qos", 0, 2));
  if (const YAML::Node retain = node["retain"]) send.retain = read_bool(retain, "retain");
}

Matcher Loader::parse_matcher(const YAML::Node& map, LinkRef& on, const std::string& what) const {
  const std::string link = on.link = one_of(map, expect_links_, what);
  check_link(map[link], on.device, link);
  const LinkShape shape = shape_of(link);
  if (shape == LinkShape::kPublishes) return parse_mqtt_matcher(map[link], on);
  Matcher match;
  if (shape == LinkShape::kReports || shape == LinkShape::kState) {
    // What the report or state holds: a blaster's {protocol: daikin, settings: {mode: cool}}.
    check_mapping(map[link], "an " + link + " matcher", {"<key>"});
    match.json_subset = to_json(map[link]);
    return match;
  }
  if (map[link].IsMap()) {  // a JSON line: {json: subset} or {regex: ...}
    check_keys(map[link], link + " matcher", {"json", "regex"});
    if (one_of(map[link], {"json", "regex"}, link + " matcher") == "json") {
      match.json_subset = to_json(map[link]["json"]);
    } else {
      match.regex = read_regex(map[link]["regex"], "regex");
    }
    return match;
  }
  match.regex = read_regex(map[link], link);
  return match;
}

Matcher Loader::parse_mqtt_matcher(const YAML::Node& node, LinkRef& on) const {
  check_keys(node, "mqtt matcher", {"topic", "json", "regex"});
  if (node["topic"]) on.topic = read_text(node["topic"], "topic");  // else the device's default
  Matcher match;
  if (one_of(node, {"json", "regex"}, "mqtt matcher") == "json") {
    match.json_subset = to_json(node["json"]);
  } else {
    match.regex = read_regex(node["regex"], "regex");
  }
  return match;
}

ExpectStep Loader::parse_expect(const YAML::Node& node) const {
  check_keys(node, "expect", with_links({"device", "timeout_ms", "capture"}, expect_links_));
  ExpectStep expect;
  expect.on.device = read_device(node, "expect");
  expect.match = parse_matcher(node, expect.on, "expect");
  if (const YAML::Node timeout = node["timeout_ms"])
    expect.timeout_ms = read_int(timeout, "timeout_ms", 0);  // 0: it must be there already
  if (const YAML::Node capture = node["capture"])
    expect.capture = parse_capture(capture, expect.match);
  return expect;
}

std::vector<std::pair<std::string, std::string>> Loader::parse_capture(const YAML::Node& node,
                                                                       const Matcher& match) const {
  check_mapping(node, "capture", {"<variable>"});
  std::vector<std::pair<std::string, std::string>> capture;
  for (const auto& entry : node) {
    std::string variable = read_name(entry.first, "capture variable", kIdentifier);
    capture.emplace_back(std::move(variable), parse_capture_source(entry.second, match));
  }
  return capture;
}

// A regex group number for regex matchers, a dot path into the payload for JSON matchers.
std::string Loader::parse_capture_source(const YAML::Node& node, const Matcher& match) const {
  const bool is_number = is_plain(node) && parse_int(node.Scalar());
  if (match.json_subset) {
    if (is_number)
      fail(node, "a json matcher captures by JSON path (e.g. result.est_ms), not by group number");
    std::string path = read_string(node, "capture");
    if (!is_json_path(path))
      fail(node, "invalid JSON path '" + path + "'; expected names separated by dots");
    return path;
  }
  if (!is_number)
    fail(node, "a regex matcher captures by group number (e.g. 1), got " + describe(node));
  const std::int64_t group = read_int(node, "capture", 0);
  const auto groups = static_cast<std::int64_t>(compile_for_check(*match.regex).mark_count());
  if (group > groups) {
    fail(node, "capture group " + std::to_string(group) + " does not exist: the regex has " +
                   std::to_string(groups) + " group(s)");
  }
  return std::to_string(group);
}

ExpectNoneStep Loader::parse_expect_none(const YAML::Node& node) const {
  check_keys(node, "expect_none", with_links({"device", "for_ms"}, expect_links_));
  ExpectNoneStep expect;
  expect.on.device = read_device(node, "expect_none");
  expect.match = parse_matcher(node, expect.on, "expect_none");
  expect.for_ms = read_int(require(node, "for_ms", "expect_none"), "for_ms", 1);
  return expect;
}

FaultStep Loader::parse_fault(const YAML::Node& node) const {
  check_keys(node, "fault", {"kind", "device", "link", "for_ms", "share", "delay_ms"});
  FaultStep fault;
  fault.kind = read_choice(require(node, "kind", "fault"), "fault kind", kFaultKinds);
  if (const YAML::Node device = node["device"]) fault.device = read_declared_device(device);
  parse_fault_link(node, fault);
  parse_fault_duration(node, fault);
  parse_fault_impairment(node, fault);
  return fault;
}

void Loader::parse_fault_link(const YAML::Node& node, FaultStep& fault) const {
  const YAML::Node link = node["link"];
  if (fault.kind == "link_down" || is_impairment(fault.kind)) {
    fault.link =
        read_choice(require(node, "link", "a " + fault.kind + " fault"), "link", fault_links_);
  } else if (link) {
    fail(link, "'link' is only for link_down, drop, duplicate, delay and corrupt faults");
  }
}

void Loader::parse_fault_impairment(const YAML::Node& node, FaultStep& fault) const {
  const YAML::Node share = node["share"];
  const YAML::Node delay = node["delay_ms"];
  if (!is_impairment(fault.kind)) {
    if (share) fail(share, "'share' is only for drop, duplicate, delay and corrupt faults");
    if (delay) fail(delay, "'delay_ms' is only for delay faults");
    return;
  }
  if (share) {
    const auto value = is_plain(share) ? parse_float(share.Scalar()) : std::nullopt;
    if (!value || *value <= 0 || *value > 1)
      fail(share, "'share' must be a number in (0, 1], got " + describe(share));
    fault.share = *value;
  }
  if (fault.kind == "delay") {
    fault.delay_ms = read_int(require(node, "delay_ms", "a delay fault"), "delay_ms", 1);
  } else if (delay) {
    fail(delay, "'delay_ms' is only for delay faults");
  }
}

void Loader::parse_fault_duration(const YAML::Node& node, FaultStep& fault) const {
  const YAML::Node duration = node["for_ms"];
  if (fault.kind == "power_cycle") {
    if (duration) fail(duration, "a power_cycle fault takes no 'for_ms'");
  } else {
    fault.for_ms = read_int(require(node, "for_ms", "a " + fault.kind + " fault"), "for_ms", 1);
  }
}

SetStep Loader::parse_set(const YAML::Node& node) const {
  check_mapping(node, "set", {"device", "<setting>"});
  SetStep set;
  set.device = read_device(node, "set");
  for (const auto& entry : node) {
    if (entry.first.Scalar() == "device") continue;
    if (!set.what.empty()) {
      fail(entry.first, "set takes exactly one setting besides 'device'; found '" + set.what +
                            "' and '" + entry.first.Scalar() + "'");
    }
    set.what = read_name(entry.first, "setting", kIdentifier);
    set.value = to_json(entry.second);
  }
  if (set.what.empty())
    fail(node, "set needs one setting besides 'device' (e.g. stall: {motor: 0})");
  return set;
}

RepeatStep Loader::parse_repeat(const YAML::Node& node) {
  check_keys(node, "repeat", {"count", "steps"});
  RepeatStep repeat;
  repeat.count = static_cast<int>(
      read_int(require(node, "count", "repeat"), "count", 1, std::numeric_limits<int>::max()));
  parse_steps(require(node, "steps", "repeat"), repeat.steps);
  return repeat;
}

void Loader::include(const YAML::Node& step, const YAML::Node& value, std::vector<Step>& out) {
  const std::string relative = read_text(value, "include");
  const fs::path path =
      (fs::path(sources_.back().path).parent_path() / relative).lexically_normal();
  if (!is_file(path))
    fail(step, "cannot include '" + relative + "': no such file " + path.string());
  const Source source = source_for(path);
  for (const auto& open : sources_) {
    if (open.canonical == source.canonical)
      fail(step, "include cycle: " + include_chain(source.canonical));
  }
  const YAML::Node root = read_yaml_file(source.path);
  sources_.push_back(source);
  parse_steps(fragment_steps(root), out);
  sources_.pop_back();
}

YAML::Node Loader::fragment_steps(const YAML::Node& root) const {
  if (root.IsSequence()) return root;
  if (!root.IsMap())
    fail(root, "an included file must be a list of steps or a mapping with only 'steps'");
  check_keys(root, "an included file", {"steps"});
  return require(root, "steps", "an included file");
}

std::string Loader::from_scenario_folder(const std::string& file) const {
  if (file.empty() || fs::path(file).is_absolute()) return file;
  return (fs::path(sources_.back().path).parent_path() / file).lexically_normal().string();
}

std::string Loader::include_chain(const fs::path& canonical) const {
  std::string chain;
  for (const auto& open : sources_) chain += open.path + " -> ";
  return chain + canonical.string();
}

// A directory's scenario files (not fragments), sorted; an error when there are none.
std::optional<LoadError> append_directory(const std::string& directory,
                                          std::vector<std::string>& files) {
  std::vector<std::string> found;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    const fs::path& path = entry.path();
    const std::string name = path.filename().string();
    const bool is_yaml = path.extension() == ".yaml" || path.extension() == ".yml";
    if (is_yaml && name.front() != '_' && entry.is_regular_file(error))
      found.push_back(path.string());
  }
  if (error) return LoadError{{directory, 0, 0}, "cannot list directory: " + error.message()};
  if (found.empty())
    return LoadError{{directory, 0, 0}, "no scenario files (*.yaml, *.yml) in directory"};
  std::sort(found.begin(), found.end());
  files.insert(files.end(), found.begin(), found.end());
  return std::nullopt;
}

}  // namespace

namespace {

std::variant<Scenario, LoadError> load(const std::string& path, std::optional<std::string> text,
                                       const FamilyRegistry& families) {
  try {
    return Loader(path, std::move(text), families).load();
  } catch (const Failure& failure) {
    return failure.error;
  } catch (const std::exception& error) {
    return LoadError{{path, 0, 0}, std::string("unexpected error while loading: ") + error.what()};
  }
}

}  // namespace

std::variant<Scenario, LoadError> load_scenario(const std::string& path,
                                                const FamilyRegistry& families) {
  return load(path, std::nullopt, families);
}

std::variant<Scenario, LoadError> load_scenario_text(const std::string& text,
                                                     const std::string& path,
                                                     const FamilyRegistry& families) {
  return load(path, text, families);
}

std::variant<std::vector<std::string>, LoadError> expand_scenario_paths(
    const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (fs::is_directory(status)) {
      if (auto failure = append_directory(path, files)) return *failure;
    } else if (fs::exists(status)) {
      files.push_back(path);
    } else {
      return LoadError{{path, 0, 0}, "no such file or directory: " + path};
    }
  }
  return files;
}

}  // namespace hil::scenario
