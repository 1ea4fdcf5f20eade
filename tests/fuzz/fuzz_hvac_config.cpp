// Fuzz target: arbitrary text as the HVAC bridge's configuration file. A refusal says why and
// where; a configuration that loads is one the bridge starts with, and (UTF-8 text) written back
// as YAML it loads as the same configuration.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <variant>

#include "bench/hvac/hvac_config_file.h"
#include "firmware_core/hvac/hvac_bridge.h"
#include "sim/common/captured_links.h"
#include "sim/time/virtual_scheduler.h"
#include "tests/fuzz/utf8.h"

namespace {

using hil::hvac::BridgeConfig;
using hil::hvac::EntityConfig;

void check(bool condition) {
  if (!condition) std::abort();
}

bool same(const EntityConfig& a, const EntityConfig& b) {
  return a.device_id == b.device_id && a.name == b.name && a.blaster == b.blaster &&
         a.model == b.model && a.sensor_topic == b.sensor_topic && a.sensor_key == b.sensor_key &&
         a.min_temp_c == b.min_temp_c && a.max_temp_c == b.max_temp_c &&
         a.unique_id == b.unique_id && a.object_id == b.object_id &&
         a.device_name == b.device_name && a.device_model == b.device_model;
}

bool same(const BridgeConfig& a, const BridgeConfig& b) {
  if (a.discovery_prefix != b.discovery_prefix || a.rate_burst != b.rate_burst ||
      a.rate_interval != b.rate_interval || a.blaster_spacing != b.blaster_spacing ||
      a.broker_queue_limit != b.broker_queue_limit ||
      a.blaster_queue_limit != b.blaster_queue_limit || a.entities.size() != b.entities.size())
    return false;
  for (std::size_t i = 0; i < a.entities.size(); ++i) {
    if (!same(a.entities[i], b.entities[i])) return false;
  }
  return true;
}

// The configuration as its file would say it.
std::string to_yaml(const BridgeConfig& config) {
  YAML::Emitter out;
  out.SetDoublePrecision(17);
  out << YAML::BeginMap;
  out << YAML::Key << "discovery_prefix" << YAML::Value << YAML::DoubleQuoted
      << config.discovery_prefix;
  out << YAML::Key << "rate_limit" << YAML::Value << YAML::BeginMap << YAML::Key << "burst"
      << YAML::Value << config.rate_burst << YAML::Key << "interval_ms" << YAML::Value
      << config.rate_interval.count() / 1000 << YAML::EndMap;
  out << YAML::Key << "blaster_spacing_ms" << YAML::Value << config.blaster_spacing.count() / 1000;
  out << YAML::Key << "queue_limits" << YAML::Value << YAML::BeginMap << YAML::Key << "broker"
      << YAML::Value << config.broker_queue_limit << YAML::Key << "blaster" << YAML::Value
      << config.blaster_queue_limit << YAML::EndMap;
  out << YAML::Key << "entities" << YAML::Value << YAML::BeginSeq;
  for (const EntityConfig& entity : config.entities) {
    out << YAML::BeginMap;
    out << YAML::Key << "device" << YAML::Value << YAML::DoubleQuoted << entity.device_id;
    out << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << entity.name;
    out << YAML::Key << "blaster" << YAML::Value << YAML::DoubleQuoted << entity.blaster;
    out << YAML::Key << "model" << YAML::Value << std::string(hil::ir::to_string(entity.model));
    out << YAML::Key << "sensor" << YAML::Value << YAML::BeginMap << YAML::Key << "topic"
        << YAML::Value << YAML::DoubleQuoted << entity.sensor_topic << YAML::Key << "key"
        << YAML::Value << YAML::DoubleQuoted << entity.sensor_key << YAML::EndMap;
    out << YAML::Key << "min_temp" << YAML::Value << entity.min_temp_c;
    out << YAML::Key << "max_temp" << YAML::Value << entity.max_temp_c;
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  check(out.good());
  return out.c_str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto loaded = hil::bench::load_hvac_config_text(text, "fuzz-hvac.yaml");
  if (const auto* error = std::get_if<hil::bench::HvacConfigError>(&loaded)) {
    check(!error->message.empty() && error->where.rfind("fuzz-hvac.yaml", 0) == 0);
    return 0;
  }
  const BridgeConfig& config = std::get<BridgeConfig>(loaded);

  // What loads, the bridge runs with.
  hil::sim::VirtualScheduler scheduler;
  hil::sim::CapturedMqtt mqtt{scheduler};
  hil::sim::CapturedConsole log;
  check(hil::hvac::HvacBridge::create({scheduler, mqtt, log}, config).ok());

  if (!hil::fuzz::is_utf8(text)) return 0;  // the round trip holds for UTF-8 text
  const auto again = hil::bench::load_hvac_config_text(to_yaml(config), "again.yaml");
  check(std::holds_alternative<BridgeConfig>(again) && same(std::get<BridgeConfig>(again), config));
  return 0;
}
