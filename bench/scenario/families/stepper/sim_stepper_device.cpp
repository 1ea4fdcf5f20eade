// A simulated stepper node as a scenario device.
#include "bench/scenario/families/stepper/sim_stepper_device.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hil::scenario {

sim::SimStepperBoardOptions SimStepperDevice::board_options(const nlohmann::json& options) {
  const sim::VirtualStepperRigOptions defaults;  // what the row's defaults say
  sim::SimStepperBoardOptions board = defaults.board;
  board.node.node_id = options.value("node_id", defaults.node_id);
  board.wifi.station_ip = options.value("station_ip", board.wifi.station_ip);
  return board;
}

SimStepperDevice::SimStepperDevice(std::string name, const nlohmann::json& options,
                                   std::uint64_t seed, sim::VirtualScheduler& clock,
                                   sim::SimMqttBus& bus, DeviceOutput output)
    : SimBusDevice(std::move(name), bus, clock, std::move(output)),
      clock_(clock),
      random_(options.value("seed", seed)),
      board_(clock, random_, store_, console_, mqtt(), board_options(options)) {
  console_.on_line = [this](std::string_view line) {
    if (serial_up_)
      emit("serial", "", std::string(line));  // nobody is listening on an unplugged cable
  };
  board_.boot();
  clock_.run_due();
  mqtt().connect();  // the board is provisioned: its broker session opens at once
  clock_.run_due();
}

SimStepperDevice::~SimStepperDevice() = default;

bool SimStepperDevice::deliver(const std::string& link, const std::string& topic,
                               const std::string& payload) {
  if (link != "serial") return SimBusDevice::deliver(link, topic, payload);
  if (!serial_up_) return false;
  board_.node().on_serial_bytes(payload + "\n");  // through the console buffer, as typed
  return true;
}

void SimStepperDevice::on_message(std::string_view topic, std::string_view payload, bool) {
  board_.node().on_mqtt_message(topic, payload);
}

void SimStepperDevice::on_connected() { board_.node().on_mqtt_connected(); }

bool SimStepperDevice::set_link_up(const std::string& link, bool up, std::string& error) {
  if (link != "serial") return SimBusDevice::set_link_up(link, up, error);
  serial_up_ = up;
  return true;
}

bool SimStepperDevice::power_cycle(std::string&) {
  board_.power_cycle();
  clock_.run_due();
  if (mqtt().connected()) board_.node().on_mqtt_connected();
  clock_.run_due();
  return true;
}

namespace {

using Json = nlohmann::json;
// What a `set:` does to each motor it names, once its value has been checked.
using MotorAction = std::function<void(sim::SimStepper&)>;

constexpr std::int64_t kInt32Min = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();

// The whole number under `key`, in [min, max]; false and a reason when it is missing or not one.
bool read_integer(const Json& value, const std::string& key, std::int64_t min, std::int64_t max,
                  std::int64_t& out, std::string& error) {
  const auto it = value.find(key);
  if (it == value.end()) {
    error = "'" + key + "' is missing";
    return false;
  }
  if (!it->is_number_integer() || *it < min || *it > max) {
    error = "'" + key + "' must be an integer in " + std::to_string(min) + ".." +
            std::to_string(max) + ", not " + it->dump();
    return false;
  }
  out = it->get<std::int64_t>();
  return true;
}

// The motors `motor:` names: one id, or "ALL".
bool read_motors(const Json& value, std::vector<int>& motors, std::string& error) {
  const auto it = value.find("motor");
  if (it == value.end()) {
    error = "'motor' is missing";
    return false;
  }
  if (*it == "ALL") {
    for (int id = 0; id < stepper::kMotorCount; ++id) motors.push_back(id);
    return true;
  }
  if (!it->is_number_integer() || *it < 0 || *it >= stepper::kMotorCount) {
    error = "'motor' must be 0.." + std::to_string(stepper::kMotorCount - 1) + " or \"ALL\", not " +
            it->dump();
    return false;
  }
  motors.push_back(it->get<int>());
  return true;
}

MotorAction parse_stall(const Json& value, std::string& error) {
  const auto it = value.find("on");
  if (it != value.end() && !it->is_boolean()) {
    error = "'on' must be true or false, not " + it->dump();
    return {};
  }
  const bool on = it == value.end() || it->get<bool>();
  return [on](sim::SimStepper& motor) { motor.set_stalled(on); };
}

MotorAction parse_missed_steps(const Json& value, std::string& error) {
  std::int64_t steps = 0;
  if (!read_integer(value, "steps", 0, kInt32Max, steps, error)) return {};
  return [steps](sim::SimStepper& motor) { motor.miss_steps(static_cast<std::uint32_t>(steps)); };
}

MotorAction parse_ambient(const Json& value, std::string& error) {
  const auto it = value.find("celsius");
  if (it == value.end() || !it->is_number() || *it < -40 || *it > 200) {
    error = it == value.end() ? "'celsius' is missing"
                              : "'celsius' must be a number in -40..200, not " + it->dump();
    return {};
  }
  const double celsius = it->get<double>();
  return [celsius](sim::SimStepper& motor) { motor.set_ambient(celsius); };
}

MotorAction parse_travel_limits(const Json& value, std::string& error) {
  std::int64_t min = 0, max = 0;
  if (!read_integer(value, "min", kInt32Min, kInt32Max, min, error) ||
      !read_integer(value, "max", kInt32Min, kInt32Max, max, error)) {
    return {};
  }
  if (min > max) {
    error = "'min' (" + std::to_string(min) + ") is above 'max' (" + std::to_string(max) + ")";
    return {};
  }
  return [min, max](sim::SimStepper& motor) {
    motor.set_travel_limits(static_cast<std::int32_t>(min), static_cast<std::int32_t>(max));
  };
}

// One settable state per row: its name, how its value is written, its keys and its parser.
struct Setting {
  const char* name;
  const char* form;
  const char* description;
  std::vector<std::string> keys;
  MotorAction (*parse)(const Json& value, std::string& error);
  bool all_motors_by_default = false;  // a board-wide condition: `motor:` may be left out
};

const Setting kSettings[] = {
    {"stall",
     "{motor: N|ALL, on: true|false}",
     "the shaft is blocked: the driver steps, the shaft stays",
     {"motor", "on"},
     parse_stall},
    {"missed_steps",
     "{motor: N|ALL, steps: K}",
     "the next K steps are lost",
     {"motor", "steps"},
     parse_missed_steps},
    {"travel_limits",
     "{motor: N|ALL, min: A, max: B}",
     "mechanical end stops the shaft cannot pass",
     {"motor", "min", "max"},
     parse_travel_limits},
    {"ambient",
     "{celsius: C, motor: N|ALL}",
     "the air around the driver chips (all motors unless one is named)",
     {"motor", "celsius"},
     parse_ambient,
     true},
};

const Setting* find_setting(const std::string& what) {
  for (const Setting& setting : kSettings) {
    if (what == setting.name) return &setting;
  }
  return nullptr;
}

std::string known_settings() {
  std::string names;
  for (const Setting& setting : kSettings)
    names += (names.empty() ? "" : ", ") + std::string(setting.name);
  return names;
}

// The value is an object with no keys but the setting's own.
bool check_keys(const Setting& setting, const Json& value, std::string& error) {
  if (!value.is_object()) {
    error = "the value must be a map, not " + value.dump();
    return false;
  }
  for (const auto& item : value.items()) {
    if (std::find(setting.keys.begin(), setting.keys.end(), item.key()) == setting.keys.end()) {
      error = "unknown key '" + item.key() + "'";
      return false;
    }
  }
  return true;
}

}  // namespace

std::vector<SettingSpec> SimStepperDevice::settings() {
  std::vector<SettingSpec> out;
  for (const Setting& setting : kSettings)
    out.push_back({setting.name, setting.form, setting.description});
  return out;
}

bool SimStepperDevice::set(const std::string& what, const nlohmann::json& value,
                           std::string& error) {
  const Setting* setting = find_setting(what);
  if (setting == nullptr) {
    error = "a simulated stepper has no settable state '" + what + "' (known: " + known_settings() +
            ")";
    return false;
  }
  std::vector<int> motors;
  MotorAction action;
  const bool every_motor =
      setting->all_motors_by_default && value.is_object() && !value.contains("motor");
  if (every_motor) {
    for (int id = 0; id < stepper::kMotorCount; ++id) motors.push_back(id);
  }
  if (!check_keys(*setting, value, error) || (!every_motor && !read_motors(value, motors, error)) ||
      !(action = setting->parse(value, error))) {
    error = what + ": " + error + "; write " + what + ": " + setting->form;
    return false;
  }
  for (const int id : motors) action(board_.motor(id));
  return true;
}

SimStepperDevice::State SimStepperDevice::state() const {
  State state;
  state.status = board_.node().sample_status();
  for (int id = 0; id < stepper::kMotorCount; ++id) {
    const sim::SimStepper& motor = board_.motor(id);
    const auto i = static_cast<std::size_t>(id);
    state.shafts[i] = motor.shaft_position();
    state.driver_tenths_c[i] = std::llround(motor.driver_temperature() * 10.0);
    state.overheated[i] = motor.overheated();
  }
  return state;
}

bool SimStepperDevice::changed_since_snapshot() {
  return !last_snapshot_ || !(*last_snapshot_ == state());
}

// Columns of one value per motor (id = index): a few arrays are far cheaper to build and keep
// than an object per motor, and a run takes thousands of these.
nlohmann::json SimStepperDevice::snapshot() {
  last_snapshot_ = state();
  const State& state = *last_snapshot_;
  nlohmann::json position = nlohmann::json::array(), moving = nlohmann::json::array(),
                 awake = nlohmann::json::array(), budget_s = nlohmann::json::array(),
                 temp_c = nlohmann::json::array(), overheated = nlohmann::json::array();
  for (std::size_t i = 0; i < stepper::kMotorCount; ++i) {
    const stepper::MotorSample& motor = state.status.motors[i];
    position.push_back(motor.position);
    moving.push_back(motor.moving);
    awake.push_back(motor.awake);
    budget_s.push_back(static_cast<double>(motor.budget_tenths) / 10.0);
    temp_c.push_back(static_cast<double>(state.driver_tenths_c[i]) / 10.0);
    overheated.push_back(state.overheated[i]);
  }
  return {{"position", std::move(position)},
          {"shaft_position", state.shafts},
          {"moving", std::move(moving)},
          {"awake", std::move(awake)},
          {"budget_s", std::move(budget_s)},
          {"driver_temp_c", std::move(temp_c)},
          {"driver_overheated", std::move(overheated)}};
}

nlohmann::json SimStepperDevice::describe() const {
  return {{"name", name()}, {"kind", "stepper"}, {"node_id", board_.node().node_id()}};
}

}  // namespace hil::scenario
