// The simulated IR blaster as a scenario device.
#include "bench/scenario/families/ir_blaster/sim_ir_blaster_device.h"

#include "firmware_core/ir/daikin_json.h"

namespace hil::scenario {

std::unique_ptr<SimIrBlasterDevice> SimIrBlasterDevice::create(
    const std::string& name, const nlohmann::json& options, sim::SimMqttBus& bus,
    core::Scheduler& clock, DeviceOutput output, std::string& error) {
  sim::SimIrBlasterOptions blaster;
  blaster.name = options.value("zigbee_name", name);
  blaster.sensor_name = options.value("sensor_name", "");
  blaster.room_temperature_c = options.value("room_temperature", blaster.room_temperature_c);
  blaster.outside_temperature_c =
      options.value("outside_temperature", blaster.outside_temperature_c);
  blaster.online = options.value("online", true);
  std::string why = sim::SimIrBlaster::check_name(blaster.name);
  if (why.empty() && !blaster.sensor_name.empty())
    why = sim::SimIrBlaster::check_name(blaster.sensor_name);  // empty: <name>_room
  if (!why.empty()) {
    error = "ir_blaster device '" + name + "': " + why;
    return nullptr;
  }
  for (const double celsius : {blaster.room_temperature_c, blaster.outside_temperature_c}) {
    if (celsius < sim::SimIrBlaster::kMinTemperatureC ||
        celsius > sim::SimIrBlaster::kMaxTemperatureC) {
      error = "ir_blaster device '" + name + "': temperatures must lie in -40..60 C";
      return nullptr;
    }
  }
  auto device = std::unique_ptr<SimIrBlasterDevice>(
      new SimIrBlasterDevice(name, blaster, bus, clock, std::move(output)));
  device->described_ = {{"name", name},
                        {"kind", "ir_blaster"},
                        {"zigbee_name", blaster.name},
                        {"room_temperature", blaster.room_temperature_c},
                        {"outside_temperature", blaster.outside_temperature_c},
                        {"online", blaster.online}};
  if (!blaster.sensor_name.empty()) device->described_["sensor_name"] = blaster.sensor_name;
  return device;
}

SimIrBlasterDevice::SimIrBlasterDevice(std::string name, sim::SimIrBlasterOptions options,
                                       sim::SimMqttBus& bus, core::Scheduler& clock,
                                       DeviceOutput output)
    : SimBusDevice(std::move(name), bus, clock, std::move(output)),
      blaster_(std::make_unique<sim::SimIrBlaster>(clock, mqtt(), std::move(options))) {
  blaster_->start();  // the will and subscriptions first: they go with the session
  mqtt().connect();
}

SimIrBlasterDevice::~SimIrBlasterDevice() {
  blaster_.reset();
}  // its timers go while the clock runs

void SimIrBlasterDevice::on_message(std::string_view topic, std::string_view payload, bool) {
  blaster_->on_mqtt_message(topic, payload);
}

void SimIrBlasterDevice::on_connected() { blaster_->on_mqtt_connected(); }

void SimIrBlasterDevice::on_sent(std::string_view topic, std::string_view payload) {
  if (topic == blaster_->topics().emitted) emit("ir", "", std::string(payload));
}

bool SimIrBlasterDevice::power_cycle(std::string&) {
  const bool was_online = blaster_->online();
  blaster_->set_online(false);
  blaster_->set_online(was_online);
  return true;
}

namespace {

// The number under {celsius: C}; nullopt and why when missing or not a number.
std::optional<double> read_celsius(const nlohmann::json& value, std::string& error) {
  const auto it = value.is_object() ? value.find("celsius") : value.end();
  if (!value.is_object() || it == value.end() || !it->is_number() || value.size() != 1) {
    error = "expected {celsius: C}, got " + value.dump();
    return std::nullopt;
  }
  return it->get<double>();
}

}  // namespace

bool SimIrBlasterDevice::set(const std::string& what, const nlohmann::json& value,
                             std::string& error) {
  if (what == "online") {
    if (!value.is_boolean()) {
      error = "online: expected true or false, got " + value.dump();
      return false;
    }
    blaster_->set_online(value.get<bool>());
    return true;
  }
  if (what == "room_temperature" || what == "outside_temperature") {
    const auto celsius = read_celsius(value, error);
    if (!celsius) {
      error = what + ": " + error;
      return false;
    }
    error = what == "room_temperature" ? blaster_->set_room_temperature(*celsius)
                                       : blaster_->set_outside_temperature(*celsius);
    return error.empty();
  }
  error = "unknown setting '" + what +
          "' for an ir_blaster; known: online, room_temperature, outside_temperature";
  return false;
}

SimIrBlasterDevice::State SimIrBlasterDevice::state() {
  return State{blaster_->room_temperature(), blaster_->online(), blaster_->busy(),
               blaster_->counters().emitted};
}

bool SimIrBlasterDevice::changed_since_snapshot() {
  return !last_snapshot_ || !(*last_snapshot_ == state());
}

nlohmann::json SimIrBlasterDevice::snapshot() {
  last_snapshot_ = state();
  const sim::RoomModel& room = blaster_->room();
  nlohmann::json out = {{"room_temperature_c", room.temperature()},
                        {"outside_temperature_c", room.outside_temperature()},
                        {"online", blaster_->online()},
                        {"busy", blaster_->busy()},
                        {"action", sim::to_string(room.action())}};
  out["unit"] = room.unit() ? ir::daikin_settings_json(*room.unit()) : nlohmann::json();
  return out;
}

nlohmann::json SimIrBlasterDevice::describe() const { return described_; }

}  // namespace hil::scenario
