// The HVAC bridge as a scenario device.
#include "bench/scenario/families/hvac/sim_hvac_device.h"

#include <algorithm>
#include <cctype>

#include "firmware_core/hvac/state_payload.h"
#include "firmware_core/ir/daikin_json.h"

namespace hil::scenario {
namespace {

// The device's options, for the configuration's checks.
const hvac::ConfigNames kOptionNames = [] {
  hvac::ConfigNames names;
  names.name = "entity_name";
  names.blaster = "blaster";
  names.daikin = "daikin";
  names.daikin312 = "daikin312";
  return names;
}();

}  // namespace

std::optional<hvac::BridgeConfig> SimHvacDevice::config_for(const std::string& name,
                                                            const nlohmann::json& options,
                                                            std::string& error) {
  hvac::EntityConfig entity;
  entity.device_id = options.value("device_id", name);
  entity.name = options.value("entity_name", entity.device_id);  // as `hilbench hvac --name`
  entity.blaster = options.value("blaster", "ir_blaster");
  entity.sensor_topic = options.value("sensor_topic", "");
  std::string model = options.value("model", "daikin");
  std::transform(model.begin(), model.end(), model.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  const auto parsed_model = hvac::parse_model(model);
  if (!parsed_model) {
    error = "model: " + parsed_model.error();
    return std::nullopt;
  }
  entity.model = *parsed_model;
  hvac::BridgeConfig config;
  config.discovery_prefix = options.value("discovery_prefix", config.discovery_prefix);
  config.entities.push_back(std::move(entity));
  auto checked = hvac::normalized(std::move(config), kOptionNames);
  if (!checked) {
    error = checked.error();
    return std::nullopt;
  }
  return std::move(checked).value();
}

std::string SimHvacDevice::check(const std::string& name, const nlohmann::json& options) {
  std::string error;
  config_for(name, options, error);
  return error;
}

std::unique_ptr<SimHvacDevice> SimHvacDevice::create(const std::string& name,
                                                     const nlohmann::json& options,
                                                     sim::SimMqttBus& bus, core::Scheduler& clock,
                                                     DeviceOutput output, std::string& error) {
  auto config = config_for(name, options, error);
  if (!config) {
    error = "hvac device '" + name + "': " + error;
    return nullptr;
  }
  std::unique_ptr<SimHvacDevice> device(
      new SimHvacDevice(name, std::move(*config), bus, clock, std::move(output)));
  device->start();
  return device;
}

SimHvacDevice::SimHvacDevice(std::string name, hvac::BridgeConfig config, sim::SimMqttBus& bus,
                             core::Scheduler& clock, DeviceOutput output)
    : SimBusDevice(std::move(name), bus, clock, std::move(output)),
      config_(std::move(config)),
      clock_(clock) {}

SimHvacDevice::~SimHvacDevice() { bridge_.reset(); }  // its timers go while the clock still runs

void SimHvacDevice::start() {
  auto bridge = hvac::HvacBridge::create({clock_, mqtt(), log_},
                                         config_);  // a normalized config: never refused
  bridge_ = std::move(bridge).value();
  mqtt().connect();
}

DeviceTopics SimHvacDevice::topics() const {
  return {config_.discovery_prefix + "/climate/" + config_.entities.front().device_id + "/",
          "~/set", "~/state"};
}

void SimHvacDevice::on_message(std::string_view topic, std::string_view payload, bool retained) {
  if (bridge_) bridge_->on_message(topic, payload, retained);
}

void SimHvacDevice::on_connected() {
  if (bridge_) bridge_->on_connected();
}

void SimHvacDevice::on_disconnected() {
  if (bridge_) bridge_->on_disconnected();
}

bool SimHvacDevice::power_cycle(std::string&) {
  mqtt().disconnect(false);  // the session dies with the process: the broker sends the will
  bridge_.reset();
  start();
  return true;
}

bool SimHvacDevice::set(const std::string& what, const nlohmann::json&, std::string& error) {
  error = "an hvac device has no simulated state to set ('" + what +
          "'); set the room on its ir_blaster (room_temperature, outside_temperature, online)";
  return false;
}

std::string SimHvacDevice::state_key() const {
  const hvac::ClimateReport* report = bridge_->report(config_.entities.front().device_id);
  return hvac::state_payload(*report) + " " + std::to_string(bridge_->queued_frames());
}

bool SimHvacDevice::changed_since_snapshot() { return state_key() != last_snapshot_; }

nlohmann::json SimHvacDevice::snapshot() {
  last_snapshot_ = state_key();
  const hvac::ClimateReport* report = bridge_->report(config_.entities.front().device_id);
  nlohmann::json out = nlohmann::json::parse(hvac::state_payload(*report), nullptr, false);
  out["queued_frames"] = bridge_->queued_frames();
  return out;
}

nlohmann::json SimHvacDevice::describe() const {
  const hvac::EntityConfig& entity = config_.entities.front();
  nlohmann::json out = {{"name", name()},
                        {"kind", "hvac"},
                        {"device_id", entity.device_id},
                        {"entity_name", entity.name},
                        {"blaster", entity.blaster},
                        {"model", ir::protocol_json_name(entity.model)},
                        {"discovery_prefix", config_.discovery_prefix}};
  if (!entity.sensor_topic.empty()) out["sensor_topic"] = entity.sensor_topic;
  return out;
}

}  // namespace hil::scenario
