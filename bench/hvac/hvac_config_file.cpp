// Reads the HVAC bridge's YAML configuration.
#include "bench/hvac/hvac_config_file.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "bench/yaml/yaml_syntax_error.h"

namespace hil::bench {
namespace {

// The file's keys, for the checks' messages.
const hvac::ConfigNames kFileNames{"device",       "name",     "blaster",  "model",
                                   "sensor topic", "min_temp", "max_temp", "discovery_prefix",
                                   "daikin",       "daikin312"};

// Thrown inside the loader only; load_hvac_config turns it into an HvacConfigError.
struct Failure {
  HvacConfigError error;
};

class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    const YAML::Mark mark = node.Mark();
    const std::string where = mark.is_null() ? path_
                                             : path_ + ":" + std::to_string(mark.line + 1) + ":" +
                                                   std::to_string(mark.column + 1);
    throw Failure{{where, message}};
  }

  void only_keys(const YAML::Node& map, const std::set<std::string>& keys,
                 const std::string& what) const {
    if (!map.IsMap()) fail(map, what + " must be a map");
    for (const auto& item : map) {
      // A key that is not a plain name ([a], {b: c}, ~) has no text to compare or show.
      if (!item.first.IsScalar()) fail(item.first, "keys in " + what + " must be plain names");
      const std::string key = item.first.Scalar();
      if (keys.count(key) == 0) {
        std::string known;
        for (const auto& k : keys) known += (known.empty() ? "" : ", ") + k;
        fail(item.first, "unknown key '" + key + "' in " + what + " (known: " + known + ")");
      }
    }
  }

  std::string text(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node, what + " must be a string");
    return node.as<std::string>();
  }

  double number(const YAML::Node& node, const std::string& what) const {
    double value = 0;
    if (!node.IsScalar() || !YAML::convert<double>::decode(node, value))
      fail(node, what + " must be a number");
    return value;
  }

  std::size_t count(const YAML::Node& node, const std::string& what, std::size_t min) const {
    long long value = 0;
    if (!node.IsScalar() || !YAML::convert<long long>::decode(node, value) ||
        value < static_cast<long long>(min)) {
      fail(node, what + " must be a whole number of at least " + std::to_string(min));
    }
    return static_cast<std::size_t>(value);
  }

  hvac::EntityConfig entity(const YAML::Node& node) const {
    only_keys(node, {"device", "name", "blaster", "model", "sensor", "min_temp", "max_temp"},
              "an entity");
    hvac::EntityConfig entity;
    for (const char* key : {"device", "name", "blaster"}) {
      if (!node[key]) fail(node, std::string("an entity needs '") + key + "'");
    }
    entity.device_id = text(node["device"], "device");
    entity.name = text(node["name"], "name");
    entity.blaster = text(node["blaster"], "blaster");
    if (node["model"]) {
      const std::string written = text(node["model"], "model");
      std::string name = written;
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return std::toupper(c); });
      const auto model = hvac::parse_model(name);
      if (!model) fail(node["model"], "model must be daikin or daikin312, not '" + written + "'");
      entity.model = *model;
    }
    if (const YAML::Node sensor = node["sensor"]) {
      if (sensor.IsScalar()) {
        entity.sensor_topic = sensor.as<std::string>();
      } else {
        only_keys(sensor, {"topic", "key"}, "sensor");
        if (!sensor["topic"]) fail(sensor, "sensor needs 'topic'");
        entity.sensor_topic = text(sensor["topic"], "sensor topic");
        if (sensor["key"]) entity.sensor_key = text(sensor["key"], "sensor key");
      }
    }
    if (node["min_temp"]) entity.min_temp_c = number(node["min_temp"], "min_temp");
    if (node["max_temp"]) entity.max_temp_c = number(node["max_temp"], "max_temp");
    return entity;
  }

  hvac::BridgeConfig bridge(const YAML::Node& root) const {
    only_keys(root,
              {"discovery_prefix", "rate_limit", "blaster_spacing_ms", "queue_limits", "entities"},
              "the configuration");
    hvac::BridgeConfig config;
    if (root["discovery_prefix"])
      config.discovery_prefix = text(root["discovery_prefix"], "discovery_prefix");
    if (const YAML::Node rate = root["rate_limit"]) {
      only_keys(rate, {"burst", "interval_ms"}, "rate_limit");
      if (rate["burst"]) config.rate_burst = count(rate["burst"], "rate_limit burst", 1);
      if (rate["interval_ms"]) {
        config.rate_interval =
            core::Micros(count(rate["interval_ms"], "rate_limit interval_ms", 1) * 1000);
      }
    }
    if (root["blaster_spacing_ms"]) {
      config.blaster_spacing =
          core::Micros(count(root["blaster_spacing_ms"], "blaster_spacing_ms", 0) * 1000);
    }
    if (const YAML::Node limits = root["queue_limits"]) {
      only_keys(limits, {"broker", "blaster"}, "queue_limits");
      if (limits["broker"])
        config.broker_queue_limit = count(limits["broker"], "queue_limits broker", 1);
      if (limits["blaster"])
        config.blaster_queue_limit = count(limits["blaster"], "queue_limits blaster", 1);
    }
    const YAML::Node entities = root["entities"];
    if (!entities || !entities.IsSequence() || entities.size() == 0) {
      fail(entities ? entities : root, "'entities' must be a list of at least one entity");
    }
    for (const auto& node : entities) config.entities.push_back(entity(node));
    return config;
  }

 private:
  std::string path_;
};

// Parses with `parse`, which throws what yaml-cpp throws; `describe` locates a syntax error.
template <typename Parse, typename Describe>
std::variant<hvac::BridgeConfig, HvacConfigError> load(const std::string& path, Parse parse,
                                                       Describe describe) {
  const Reader reader(path);
  try {
    YAML::Node root;
    try {
      root = parse();
    } catch (const YAML::BadFile&) {
      return HvacConfigError{path, "cannot read the file"};
    } catch (const YAML::ParserException& e) {
      const YamlSyntaxError syntax = describe(e);
      return HvacConfigError{
          path + ":" + std::to_string(syntax.line) + ":" + std::to_string(syntax.column),
          "invalid YAML: " + syntax.message};
    }
    auto config = hvac::normalized(reader.bridge(root), kFileNames);
    if (!config) return HvacConfigError{path, config.error()};
    return std::move(config).value();
  } catch (const Failure& failure) {
    return failure.error;
  }
}

}  // namespace

std::variant<hvac::BridgeConfig, HvacConfigError> load_hvac_config(const std::string& path) {
  return load(
      path, [&path] { return YAML::LoadFile(path); },
      [&path](const YAML::ParserException& e) { return describe_yaml_error(path, e); });
}

std::variant<hvac::BridgeConfig, HvacConfigError> load_hvac_config_text(const std::string& text,
                                                                        const std::string& path) {
  return load(
      path, [&text] { return YAML::Load(text); },
      [&text](const YAML::ParserException& e) {
        std::istringstream in(text);
        return describe_yaml_error(in, e);
      });
}

}  // namespace hil::bench
