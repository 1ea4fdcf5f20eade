// Tests of the scenario loader: step forms, located errors, includes and path expansion.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bench/scenario/scenario_loader.h"

namespace hil::scenario {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kData = HIL_SCENARIO_TEST_DATA;

// A scenario with one device, so steps may leave out `device:`; its steps start on line 5.
std::string with_one_device(const std::string& steps) {
  return "name: t\ndevices:\n  - {name: node, kind: stepper}\nsteps:\n" + steps + "\n";
}

// A scenario with devices a and b; its steps start on line 6.
std::string with_two_devices(const std::string& steps) {
  return "name: t\ndevices:\n  - {name: a, kind: stepper}\n  - {name: b, kind: stepper}\nsteps:\n" +
         steps + "\n";
}

// A bridge `ac` and a blaster `blaster`; steps start on line 6.
std::string with_climate_devices(const std::string& steps) {
  return "name: t\ndevices:\n  - {name: ac, kind: hvac, blaster: b1}\n  - {name: blaster, kind: "
         "ir_blaster, "
         "zigbee_name: b1, room_temperature: 27.5, online: false}\nsteps:\n" +
         steps + "\n";
}

bool mentions(const LoadError& error, const std::string& text) {
  return error.message.find(text) != std::string::npos;
}

// A scratch directory per test, removed afterwards.
class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "_" + info->name();
    std::replace(name.begin(), name.end(), '/', '_');
    dir_ = fs::temp_directory_path() / ("hil_scenario_" + name + "_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) const {
    const fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
    return path.string();
  }

  Scenario load_ok(const std::string& text) const {
    auto result = load_scenario(write("scenario.yaml", text));
    if (const auto* error = std::get_if<LoadError>(&result)) {
      ADD_FAILURE() << error->to_string();
      return {};
    }
    return std::get<Scenario>(std::move(result));
  }

  // The single step of a one-device scenario.
  Step only_step(const std::string& step) const {
    Scenario scenario = load_ok(with_one_device(step));
    if (scenario.steps.size() != 1) {
      ADD_FAILURE() << "expected one step, got " << scenario.steps.size();
      return {};
    }
    return scenario.steps.front();
  }

  LoadError load_error(const std::string& text) const {
    return error_of(load_scenario(write("scenario.yaml", text)));
  }

  static LoadError error_of(const std::variant<Scenario, LoadError>& result) {
    if (const auto* error = std::get_if<LoadError>(&result)) return *error;
    ADD_FAILURE() << "loaded, expected an error";
    return {};
  }

  std::string path_of(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

// ---- Scenario header and devices ----

TEST_F(LoaderTest, ReadsNameDevicesAndDefaultLimit) {
  const Scenario scenario = load_ok(
      "name: homing and moves\n"
      "devices:\n"
      "  - name: node\n"
      "    kind: stepper\n"
      "    node_id: 24a1601b2c3d\n"
      "    seed: 7\n"
      "    station_ip: 10.0.0.2\n"
      "  - {name: other-2, kind: stepper}\n"
      "steps: []\n");
  EXPECT_EQ(scenario.name, "homing and moves");
  EXPECT_EQ(scenario.limit_ms, 600000);
  EXPECT_EQ(scenario.where.file, path_of("scenario.yaml"));
  EXPECT_EQ(scenario.where.line, 1);
  EXPECT_EQ(scenario.where.column, 1);
  ASSERT_EQ(scenario.devices.size(), 2u);
  const DeviceSpec& node = scenario.devices[0];
  EXPECT_EQ(node.name, "node");
  EXPECT_EQ(node.kind, "stepper");
  EXPECT_EQ(node.options,
            (json{{"node_id", "24a1601b2c3d"}, {"seed", 7}, {"station_ip", "10.0.0.2"}}));
  EXPECT_TRUE(node.options["seed"].is_number_integer());
  EXPECT_EQ(node.where.line, 3);
  EXPECT_EQ(node.where.column, 5);
  EXPECT_EQ(scenario.devices[1].name, "other-2");
  EXPECT_EQ(scenario.devices[1].options, json::object());
  EXPECT_EQ(scenario.devices[1].where.line, 8);
  EXPECT_TRUE(scenario.steps.empty());
}

TEST_F(LoaderTest, ReadsLimit) {
  const Scenario scenario =
      load_ok("name: t\nlimit_ms: 60000\ndevices: [{name: n, kind: stepper}]\nsteps: []\n");
  EXPECT_EQ(scenario.limit_ms, 60000);
}

TEST_F(LoaderTest, NumericNodeIdStaysText) {
  const Scenario scenario =
      load_ok("name: t\ndevices: [{name: n, kind: stepper, node_id: 123456}]\nsteps: []\n");
  EXPECT_EQ(scenario.devices.at(0).options["node_id"], "123456");
}

// ---- Every step form ----

TEST_F(LoaderTest, AdvanceAndDelay) {
  const Scenario scenario =
      load_ok(with_one_device("  - advance: 2000\n  - {name: settle, delay: 500}"));
  ASSERT_EQ(scenario.steps.size(), 2u);
  const Step& advance = scenario.steps[0];
  EXPECT_EQ(advance.where.file, path_of("scenario.yaml"));
  EXPECT_EQ(advance.where.line, 5);
  EXPECT_EQ(advance.where.column, 5);
  EXPECT_EQ(advance.label, "");
  EXPECT_EQ(std::get<AdvanceStep>(advance.body).ms, 2000);
  EXPECT_FALSE(std::get<AdvanceStep>(advance.body).wall_clock);
  const Step& delay = scenario.steps[1];
  EXPECT_EQ(delay.where.line, 6);
  EXPECT_EQ(delay.label, "settle");
  EXPECT_EQ(std::get<AdvanceStep>(delay.body).ms, 500);
  EXPECT_TRUE(std::get<AdvanceStep>(delay.body).wall_clock);
}

TEST_F(LoaderTest, AdvanceZeroIsAllowed) {
  EXPECT_EQ(std::get<AdvanceStep>(only_step("  - advance: 0").body).ms, 0);
}

TEST_F(LoaderTest, SerialSend) {
  const Step step = only_step("  - send: {device: node, serial: \"MOVE:0,1200\"}");
  const auto& send = std::get<SendStep>(step.body);
  EXPECT_EQ(send.to.device, "node");
  EXPECT_EQ(send.to.link, "serial");
  EXPECT_EQ(send.to.topic, "");
  EXPECT_EQ(send.text, "MOVE:0,1200");
  EXPECT_FALSE(send.json.has_value());
}

TEST_F(LoaderTest, MqttJsonSend) {
  const Step step = only_step(
      "  - send: {device: node, mqtt: {topic: \"~/set\", json: {action: GET, params: {resource: "
      "SPEED}}, qos: 0, "
      "retain: true}}");
  const auto& send = std::get<SendStep>(step.body);
  EXPECT_EQ(send.to.link, "mqtt");
  EXPECT_EQ(send.to.topic, "~/set");
  ASSERT_TRUE(send.json.has_value());
  EXPECT_EQ(*send.json, (json{{"action", "GET"}, {"params", {{"resource", "SPEED"}}}}));
  EXPECT_EQ(send.text, "");
  EXPECT_EQ(send.qos, 0);
  EXPECT_TRUE(send.retain);
}

TEST_F(LoaderTest, MqttPayloadSendDefaults) {
  const Step step = only_step("  - send: {mqtt: {payload: \"not json\"}}");
  const auto& send = std::get<SendStep>(step.body);
  EXPECT_EQ(send.to.device, "node");
  EXPECT_EQ(send.to.link, "mqtt");
  EXPECT_EQ(send.to.topic, "");  // the device's default: a stepper's ~/cmd
  EXPECT_EQ(send.text, "not json");
  EXPECT_FALSE(send.json.has_value());
  EXPECT_EQ(send.qos, 1);
  EXPECT_FALSE(send.retain);
}

TEST_F(LoaderTest, YamlValuesBecomeTypedJson) {
  const Step step = only_step(
      "  - send:\n"
      "      mqtt:\n"
      "        json:\n"
      "          int: 12\n"
      "          negative: -3\n"
      "          plus: +4\n"
      "          float: 1.5\n"
      "          exponent: 1e3\n"
      "          yes_flag: true\n"
      "          no_flag: False\n"
      "          tilde: ~\n"
      "          null_word: null\n"
      "          empty:\n"
      "          quoted_int: \"123\"\n"
      "          quoted_bool: 'true'\n"
      "          tagged: !!str 5\n"
      "          word: GET\n"
      "          hex: 0x1F\n"
      "          variable: ${move_id}\n"
      "          list: [1, two, {k: v}]\n"
      "          huge: 99999999999999999999\n");
  const json& value = *std::get<SendStep>(step.body).json;
  EXPECT_EQ(value["int"], 12);
  EXPECT_TRUE(value["int"].is_number_integer());
  EXPECT_EQ(value["negative"], -3);
  EXPECT_EQ(value["plus"], 4);
  EXPECT_TRUE(value["float"].is_number_float());
  EXPECT_DOUBLE_EQ(value["float"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(value["exponent"].get<double>(), 1000.0);
  EXPECT_EQ(value["yes_flag"], true);
  EXPECT_EQ(value["no_flag"], false);
  EXPECT_TRUE(value["tilde"].is_null());
  EXPECT_TRUE(value["null_word"].is_null());
  EXPECT_TRUE(value["empty"].is_null());
  EXPECT_EQ(value["quoted_int"], "123");
  EXPECT_EQ(value["quoted_bool"], "true");
  EXPECT_EQ(value["tagged"], "5");
  EXPECT_EQ(value["word"], "GET");
  EXPECT_EQ(value["hex"], "0x1F");
  EXPECT_EQ(value["variable"], "${move_id}");
  EXPECT_EQ(value["list"], (json{1, "two", {{"k", "v"}}}));
  EXPECT_TRUE(value["huge"].is_number_float());
}

TEST_F(LoaderTest, SerialExpectWithCapture) {
  const Step step = only_step(
      "  - expect: {device: node, serial: 'CTRL:ACK msg_id=(\\S+) est_ms=550', timeout_ms: 100, "
      "capture: {move_id: 1, whole: 0}}");
  const auto& expect = std::get<ExpectStep>(step.body);
  EXPECT_EQ(expect.on.device, "node");
  EXPECT_EQ(expect.on.link, "serial");
  EXPECT_EQ(expect.match.regex, "CTRL:ACK msg_id=(\\S+) est_ms=550");
  EXPECT_FALSE(expect.match.json_subset.has_value());
  EXPECT_EQ(expect.timeout_ms, 100);
  const std::vector<std::pair<std::string, std::string>> capture = {{"move_id", "1"},
                                                                    {"whole", "0"}};
  EXPECT_EQ(expect.capture, capture);
}

TEST_F(LoaderTest, SerialJsonLinesSendAndMatchAsJson) {
  const Scenario scenario = load_ok(with_one_device(
      "  - send: {serial: {json: {id: \"4\", cmd: get_status}}}\n"
      "  - expect: {serial: {json: {id: \"4\", ok: true}}, capture: {pct: status.battery_pct}}\n"
      "  - expect: {serial: {regex: '\"event\":\"switch\"'}}"));
  const auto& send = std::get<SendStep>(scenario.steps.at(0).body);
  EXPECT_EQ(send.to.link, "serial");
  EXPECT_EQ(*send.json, (json{{"id", "4"}, {"cmd", "get_status"}}));
  const auto& expect = std::get<ExpectStep>(scenario.steps.at(1).body);
  EXPECT_EQ(*expect.match.json_subset, (json{{"id", "4"}, {"ok", true}}));
  EXPECT_EQ(expect.capture.at(0).second, "status.battery_pct");
  const auto& by_regex = std::get<ExpectStep>(scenario.steps.at(2).body);
  EXPECT_EQ(*by_regex.match.regex, "\"event\":\"switch\"");
}

TEST_F(LoaderTest, ClimateDevicesTakeTypedOptions) {
  const Scenario scenario = load_ok(with_climate_devices("  - advance: 1"));
  ASSERT_EQ(scenario.devices.size(), 2u);
  EXPECT_EQ(scenario.devices[0].kind, "hvac");
  EXPECT_EQ(scenario.devices[0].options, (json{{"blaster", "b1"}}));
  EXPECT_EQ(scenario.devices[1].options,
            (json{{"zigbee_name", "b1"}, {"room_temperature", 27.5}, {"online", false}}));
}

TEST_F(LoaderTest, IrExpectIsAJsonSubsetOfTheEmittedReport) {
  const Scenario scenario = load_ok(with_climate_devices(
      "  - expect: {device: blaster, ir: {protocol: daikin, settings: {mode: cool}}}"));
  const auto& expect = std::get<ExpectStep>(scenario.steps.at(0).body);
  EXPECT_EQ(expect.on.device, "blaster");
  EXPECT_EQ(expect.on.link, "ir");
  EXPECT_EQ(*expect.match.json_subset,
            (json{{"protocol", "daikin"}, {"settings", {{"mode", "cool"}}}}));
  EXPECT_FALSE(expect.match.regex.has_value());
}

TEST_F(LoaderTest, MqttJsonExpectKeepsCaptureOrder) {
  const Step step = only_step(
      "  - expect: {mqtt: {json: {status: ack, result: {est_ms: 550}}}, capture: {est: "
      "result.est_ms, cmd: cmd_id}}");
  const auto& expect = std::get<ExpectStep>(step.body);
  EXPECT_EQ(expect.on.device, "node");
  EXPECT_EQ(expect.on.link, "mqtt");
  EXPECT_EQ(expect.on.topic, "");  // the device's default: a stepper's ~/cmd/resp
  EXPECT_EQ(*expect.match.json_subset, (json{{"status", "ack"}, {"result", {{"est_ms", 550}}}}));
  EXPECT_FALSE(expect.match.regex.has_value());
  EXPECT_EQ(expect.timeout_ms, 1000);
  const std::vector<std::pair<std::string, std::string>> capture = {{"est", "result.est_ms"},
                                                                    {"cmd", "cmd_id"}};
  EXPECT_EQ(expect.capture, capture);
}

TEST_F(LoaderTest, MqttRegexExpect) {
  const Step step = only_step(
      "  - expect: {mqtt: {topic: \"~/status\", regex: '\"moving\":(true)'}, capture: {m: 1}}");
  const auto& expect = std::get<ExpectStep>(step.body);
  EXPECT_EQ(expect.on.topic, "~/status");
  EXPECT_EQ(expect.match.regex, "\"moving\":(true)");
  EXPECT_EQ(expect.capture.at(0).second, "1");
}

TEST_F(LoaderTest, VariablesStayAsText) {
  const Scenario scenario = load_ok(with_one_device(
      "  - send: {serial: \"STOP:${move_id}\"}\n  - expect: {serial: 'DONE id=${move_id}'}"));
  EXPECT_EQ(std::get<SendStep>(scenario.steps.at(0).body).text, "STOP:${move_id}");
  EXPECT_EQ(std::get<ExpectStep>(scenario.steps.at(1).body).match.regex, "DONE id=${move_id}");
}

TEST_F(LoaderTest, ExpectNone) {
  const Step step =
      only_step("  - expect_none: {device: node, serial: \"CTRL:ERR\", for_ms: 1000}");
  const auto& none = std::get<ExpectNoneStep>(step.body);
  EXPECT_EQ(none.on.device, "node");
  EXPECT_EQ(none.on.link, "serial");
  EXPECT_EQ(none.match.regex, "CTRL:ERR");
  EXPECT_EQ(none.for_ms, 1000);
}

TEST_F(LoaderTest, ExpectNoneOnMqtt) {
  const Step step =
      only_step("  - expect_none: {mqtt: {topic: ~/alarm, json: {level: high}}, for_ms: 5}");
  const auto& none = std::get<ExpectNoneStep>(step.body);
  EXPECT_EQ(none.on.topic, "~/alarm");
  EXPECT_EQ(*none.match.json_subset, (json{{"level", "high"}}));
}

TEST_F(LoaderTest, Faults) {
  const Scenario scenario = load_ok(
      with_one_device("  - fault: {kind: broker_outage, for_ms: 5000}\n"
                      "  - fault: {kind: link_down, device: node, link: mqtt, for_ms: 2000}\n"
                      "  - fault: {kind: power_cycle, device: node}"));
  ASSERT_EQ(scenario.steps.size(), 3u);
  const auto& outage = std::get<FaultStep>(scenario.steps[0].body);
  EXPECT_EQ(outage.kind, "broker_outage");
  EXPECT_EQ(outage.device, "");
  EXPECT_EQ(outage.link, "");
  EXPECT_EQ(outage.for_ms, 5000);
  const auto& link_down = std::get<FaultStep>(scenario.steps[1].body);
  EXPECT_EQ(link_down.kind, "link_down");
  EXPECT_EQ(link_down.device, "node");
  EXPECT_EQ(link_down.link, "mqtt");
  EXPECT_EQ(link_down.for_ms, 2000);
  const auto& power = std::get<FaultStep>(scenario.steps[2].body);
  EXPECT_EQ(power.kind, "power_cycle");
  EXPECT_EQ(power.device, "node");
  EXPECT_EQ(power.for_ms, 0);
}

TEST_F(LoaderTest, MessageImpairments) {
  const Scenario scenario = load_ok(with_one_device(
      "  - fault: {kind: delay, link: mqtt, for_ms: 500, share: 0.25, delay_ms: 40}\n"
      "  - fault: {kind: drop, link: serial, for_ms: 100}"));
  ASSERT_EQ(scenario.steps.size(), 2u);
  const auto& delay = std::get<FaultStep>(scenario.steps[0].body);
  EXPECT_EQ(delay.kind, "delay");
  EXPECT_EQ(delay.link, "mqtt");
  EXPECT_EQ(delay.for_ms, 500);
  EXPECT_DOUBLE_EQ(delay.share, 0.25);
  EXPECT_EQ(delay.delay_ms, 40);
  const auto& drop = std::get<FaultStep>(scenario.steps[1].body);
  EXPECT_DOUBLE_EQ(drop.share, 1.0);
  EXPECT_EQ(drop.delay_ms, 0);
}

TEST_F(LoaderTest, Set) {
  const Step step = only_step("  - set: {device: node, stall: {motor: 0}}");
  const auto& set = std::get<SetStep>(step.body);
  EXPECT_EQ(set.device, "node");
  EXPECT_EQ(set.what, "stall");
  EXPECT_EQ(set.value, (json{{"motor", 0}}));
}

TEST_F(LoaderTest, RepeatKeepsNestedLocations) {
  const Step step = only_step(
      "  - repeat:\n"
      "      count: 3\n"
      "      steps:\n"
      "        - advance: 10\n"
      "        - repeat: {count: 2, steps: [{delay: 1}]}");
  EXPECT_EQ(step.where.line, 5);
  const auto& repeat = std::get<RepeatStep>(step.body);
  EXPECT_EQ(repeat.count, 3);
  ASSERT_EQ(repeat.steps.size(), 2u);
  EXPECT_EQ(repeat.steps[0].where.line, 8);
  EXPECT_EQ(repeat.steps[0].where.column, 11);
  const auto& inner = std::get<RepeatStep>(repeat.steps[1].body);
  EXPECT_EQ(inner.count, 2);
  ASSERT_EQ(inner.steps.size(), 1u);
  EXPECT_TRUE(std::get<AdvanceStep>(inner.steps[0].body).wall_clock);
  EXPECT_EQ(inner.steps[0].where.line, 9);
}

TEST_F(LoaderTest, DeviceNamedAmongSeveral) {
  const Scenario scenario = load_ok(with_two_devices("  - send: {device: b, serial: x}"));
  EXPECT_EQ(std::get<SendStep>(scenario.steps.at(0).body).to.device, "b");
}

// ---- Errors, each with its location ----

struct ErrorCase {
  std::string name;
  std::string yaml;
  int line;           // 1-based; 0 for file-level errors
  std::string token;  // the expected column is where this first appears on `line`
  std::string message;
};

std::string line_of(const std::string& text, int line) {
  std::istringstream stream(text);
  std::string current;
  for (int number = 1; number <= line; ++number) std::getline(stream, current);
  return current;
}

// NOLINTNEXTLINE(readability-identifier-naming): the name GoogleTest looks for
void PrintTo(const ErrorCase& error_case, std::ostream* out) { *out << error_case.name; }

const std::vector<ErrorCase> kErrorCases = {
    // The document and its header.
    {"MalformedYaml", "name: t\ndevices: [{name: n, kind: stepper}\nsteps: []\n", 3, "steps",
     "invalid YAML"},
    {"YamlTabErrorSaysTab", "name: t\nsteps:\n\t- advance: 1\n", 3, "\t",
     "invalid YAML: a tab in the indentation (YAML indents with spaces only)"},
    {"YamlTabAfterSpacesSaysTab", "name: t\ndevices:\n  - name: n\n  \tkind: stepper\nsteps: []\n",
     4, "\t", "a tab in the indentation"},
    {"YamlTabInsideAQuotedValueIsNoIndentation", "name: \"a\tb\"\nsteps: [1, [\n", 3, "",
     "invalid YAML: end of sequence flow not found"},
    {"NotAMapping", "- a\n- b\n", 1, "-", "a scenario must be a mapping"},
    {"EmptyDocument", "", 0, "",
     "a scenario must be a mapping (keys: name, limit_ms, devices, steps)"},
    {"MissingName", "devices: [{name: n, kind: stepper}]\nsteps: []\n", 1, "devices",
     "missing required key 'name' in the scenario"},
    {"EmptyName", "name: ''\ndevices: [{name: n, kind: stepper}]\nsteps: []\n", 1, "''",
     "'name' must not be empty"},
    {"MissingDevices", "name: t\nsteps: []\n", 1, "name", "missing required key 'devices'"},
    {"MissingSteps", "name: t\ndevices: [{name: n, kind: stepper}]\n", 1, "name",
     "missing required key 'steps'"},
    {"UnknownTopKey", "name: t\nlimits: 5\ndevices: [{name: n, kind: stepper}]\nsteps: []\n", 2,
     "limits", "unknown key 'limits' in a scenario; allowed: name, limit_ms, devices, steps"},
    {"DuplicateTopKey", "name: t\ndevices: [{name: n, kind: stepper}]\nsteps: []\nname: u\n", 4,
     "name", "duplicate key 'name'"},
    {"LimitZero", "name: t\nlimit_ms: 0\ndevices: [{name: n, kind: stepper}]\nsteps: []\n", 2, "0",
     "'limit_ms' must be a positive integer, got '0'"},
    {"LimitText", "name: t\nlimit_ms: soon\ndevices: [{name: n, kind: stepper}]\nsteps: []\n", 2,
     "soon", "'limit_ms' must be a positive integer, got 'soon'"},
    {"LimitFraction", "name: t\nlimit_ms: 1.5\ndevices: [{name: n, kind: stepper}]\nsteps: []\n", 2,
     "1.5", "'limit_ms' must be a positive integer"},
    {"LimitOverflow",
     "name: t\nlimit_ms: 99999999999999999999\ndevices: [{name: n, kind: stepper}]\nsteps: []\n", 2,
     "9", "'limit_ms' must be a positive integer"},
    {"DevicesEmpty", "name: t\ndevices: []\nsteps: []\n", 2, "[]",
     "'devices' must be a non-empty list"},
    {"DevicesNotList", "name: t\ndevices: {name: n}\nsteps: []\n", 2, "{",
     "'devices' must be a non-empty list"},
    {"DeviceNotMapping", "name: t\ndevices:\n  - node\nsteps: []\n", 3, "node",
     "a device must be a mapping"},
    {"DeviceMissingKind", "name: t\ndevices:\n  - {name: n}\nsteps: []\n", 3, "{",
     "missing required key 'kind' in a device"},
    {"DeviceMissingName", "name: t\ndevices:\n  - {kind: stepper}\nsteps: []\n", 3, "{",
     "missing required key 'name' in a device"},
    {"DeviceBadName", "name: t\ndevices:\n  - {name: 1node, kind: stepper}\nsteps: []\n", 3,
     "1node", "device name '1node' must match [A-Za-z_][A-Za-z0-9_-]*"},
    {"DeviceUnknownKind", "name: t\ndevices:\n  - {name: n, kind: servo}\nsteps: []\n", 3, "servo",
     "unknown device kind 'servo'; expected one of stepper"},
    {"DeviceUnknownOption",
     "name: t\ndevices:\n  - {name: n, kind: stepper, speed: 5}\nsteps: []\n", 3, "speed",
     "unknown key 'speed' in a stepper device; allowed: name, kind, node_id, seed, station_ip"},
    {"DeviceNegativeSeed", "name: t\ndevices:\n  - {name: n, kind: stepper, seed: -1}\nsteps: []\n",
     3, "-1", "'seed' must be a non-negative integer, got '-1'"},
    {"DeviceNodeIdNotText",
     "name: t\ndevices:\n  - {name: n, kind: stepper, node_id: [1]}\nsteps: []\n", 3, "[1]",
     "'node_id' must be a string, got a list"},
    {"DuplicateDevice",
     "name: t\ndevices:\n  - {name: n, kind: stepper}\n  - {name: n, kind: stepper}\nsteps: []\n",
     4, "n,", "duplicate device name 'n' (first declared at line 3)"},
    {"StepsNotList", "name: t\ndevices: [{name: n, kind: stepper}]\nsteps: {advance: 1}\n", 3, "{",
     "'steps' must be a list of steps, got a mapping"},
    // Steps in general.
    {"StepNotMapping", with_one_device("  - advance"), 5, "advance", "a step must be a mapping"},
    {"NoActionKey", with_one_device("  - {name: x}"), 5, "{",
     "a step needs one of advance, delay, send, expect, expect_none, fault, set, repeat, include"},
    {"TwoActionKeys", with_one_device("  - {advance: 1, delay: 2}"), 5, "delay",
     "a step takes exactly one of advance, delay, send, expect, expect_none, fault, set, repeat, "
     "include; found both "
     "'advance' and 'delay'"},
    {"UnknownStepKey", with_one_device("  - {advance: 1, wait: 2}"), 5, "wait",
     "unknown key 'wait' in a step; allowed: advance, delay, send, expect, expect_none, fault, "
     "set, repeat, include, "
     "name"},
    {"DuplicateStepKey", with_one_device("  - {advance: 1, advance: 2}"), 5, "advance: 2",
     "duplicate key 'advance'"},
    {"LabelNotString", with_one_device("  - {name: [a], advance: 1}"), 5, "[a]",
     "'name' must be a string, got a list"},
    {"AdvanceText", with_one_device("  - advance: abc"), 5, "abc",
     "'advance' must be a non-negative integer, got 'abc'"},
    {"AdvanceFraction", with_one_device("  - advance: 1.5"), 5, "1.5",
     "'advance' must be a non-negative integer"},
    {"DelayNegative", with_one_device("  - delay: -1"), 5, "-1",
     "'delay' must be a non-negative integer, got '-1'"},
    {"AdvanceQuoted", with_one_device("  - advance: \"10\""), 5, "\"10\"", "got the string \"10\""},
    // send
    {"SendNotMapping", with_one_device("  - send: hello"), 5, "hello", "send must be a mapping"},
    {"SendBothLinks", with_one_device("  - send: {serial: x, mqtt: {payload: y}}"), 5, "mqtt",
     "send takes exactly one of serial, mqtt, ws, mic; found both 'serial' and 'mqtt'"},
    {"SendNoLink", with_one_device("  - send: {device: node}"), 5, "{",
     "send needs one of serial, mqtt"},
    {"SendUnknownKey", with_one_device("  - send: {serial: x, line: y}"), 5, "line",
     "unknown key 'line' in send; allowed: device, serial, mqtt"},
    {"SendUnknownDevice", with_one_device("  - send: {device: pump, serial: x}"), 5, "pump",
     "unknown device 'pump'; declared: node"},
    {"SendSerialNotText", with_one_device("  - send: {serial: [a]}"), 5, "[a]",
     "'serial' must be a string"},
    {"MqttSendJsonAndPayload", with_one_device("  - send: {mqtt: {json: {a: 1}, payload: x}}"), 5,
     "payload", "mqtt send takes exactly one of json, payload; found both 'json' and 'payload'"},
    {"MqttSendNoBody", with_one_device("  - send: {mqtt: {topic: t}}"), 5, "{topic",
     "mqtt send needs one of json, payload"},
    {"MqttSendUnknownKey", with_one_device("  - send: {mqtt: {payload: x, qso: 1}}"), 5, "qso",
     "unknown key 'qso' in mqtt send; allowed: topic, json, payload, qos, retain"},
    {"MqttSendBadQos", with_one_device("  - send: {mqtt: {payload: x, qos: 3}}"), 5, "3",
     "'qos' must be an integer from 0 to 2, got '3'"},
    {"MqttSendBadRetain", with_one_device("  - send: {mqtt: {payload: x, retain: maybe}}"), 5,
     "maybe", "'retain' must be true or false, got 'maybe'"},
    {"MqttSendEmptyTopic", with_one_device("  - send: {mqtt: {topic: '', payload: x}}"), 5, "''",
     "'topic' must not be empty"},
    {"MqttSendNotMapping", with_one_device("  - send: {mqtt: hello}"), 5, "hello",
     "mqtt send must be a mapping"},
    {"JsonDuplicateKey", with_one_device("  - send: {mqtt: {json: {a: 1, a: 2}}}"), 5, "a: 2",
     "duplicate key 'a'"},
    // expect and expect_none
    {"ExpectBadRegex", with_one_device("  - expect: {serial: 'ACK (unclosed'}"), 5, "'ACK",
     "invalid regex 'ACK (unclosed'"},
    {"ExpectMqttBadRegex", with_one_device("  - expect: {mqtt: {regex: '[a-'}}"), 5, "'[a-'",
     "invalid regex"},
    {"ExpectJsonAndRegex", with_one_device("  - expect: {mqtt: {json: {a: 1}, regex: x}}"), 5,
     "regex", "mqtt matcher takes exactly one of json, regex; found both 'json' and 'regex'"},
    {"ExpectMqttNoMatcher", with_one_device("  - expect: {mqtt: {topic: t}}"), 5, "{topic",
     "mqtt matcher needs one of json, regex"},
    {"ExpectMqttUnknownKey", with_one_device("  - expect: {mqtt: {json: {a: 1}, qos: 1}}"), 5,
     "qos", "unknown key 'qos' in mqtt matcher; allowed: topic, json, regex"},
    {"ExpectBothLinks", with_one_device("  - expect: {serial: x, mqtt: {regex: x}}"), 5, "mqtt",
     "expect takes exactly one of serial, mqtt"},
    {"ExpectTimeoutNegative", with_one_device("  - expect: {serial: x, timeout_ms: -1}"), 5, "-1",
     "'timeout_ms' must be a non-negative integer, got '-1'"},
    {"SerialSendUnknownKey", with_one_device("  - send: {serial: {payload: x}}"), 5, "payload",
     "unknown key 'payload' in serial send; allowed: json"},
    {"SerialMatcherBoth", with_one_device("  - expect: {serial: {json: {a: 1}, regex: x}}"), 5,
     "regex", "serial matcher takes exactly one of json, regex"},
    {"SerialOnHvac", with_climate_devices("  - send: {device: ac, serial: STATUS}"), 6, "STATUS",
     "the hvac device 'ac' has no serial link; its links: mqtt"},
    {"IrOnStepper", with_one_device("  - expect: {ir: {protocol: daikin}}"), 5, "{protocol",
     "the stepper device 'node' has no ir link; its links: serial, mqtt"},
    {"IrMatcherNotMapping", with_climate_devices("  - expect: {device: blaster, ir: daikin}"), 6,
     "daikin", "an ir matcher must be a mapping"},
    {"BlasterTemperatureNotNumber",
     "name: t\ndevices:\n  - {name: b, kind: ir_blaster, room_temperature: warm}\nsteps: []\n", 3,
     "warm", "'room_temperature' must be a number, got 'warm'"},
    {"BlasterOnlineNotBool",
     "name: t\ndevices:\n  - {name: b, kind: ir_blaster, online: 1}\nsteps: []\n", 3, "1}",
     "'online' must be true or false, got '1'"},
    {"HvacUnknownOption", "name: t\ndevices:\n  - {name: ac, kind: hvac, node_id: x}\nsteps: []\n",
     3, "node_id", "unknown key 'node_id' in a hvac device"},
    {"ExpectUnknownKey", with_one_device("  - expect: {serial: x, for_ms: 10}"), 5, "for_ms",
     "unknown key 'for_ms' in expect; allowed: device, serial, mqtt, ir, ws, speaker, frames, "
     "audio, gaps, processes, timeout_ms, capture"},
    {"CapturePathForRegex",
     with_one_device("  - expect: {serial: 'id=(\\d+)', capture: {id: result.id}}"), 5, "result.id",
     "a regex matcher captures by group number (e.g. 1), got 'result.id'"},
    {"CaptureGroupForJson",
     with_one_device("  - expect: {mqtt: {json: {status: ack}}, capture: {id: 1}}"), 5, "1",
     "a json matcher captures by JSON path (e.g. result.est_ms), not by group number"},
    {"CaptureMissingGroup", with_one_device("  - expect: {serial: 'id=(\\d+)', capture: {id: 2}}"),
     5, "2}", "capture group 2 does not exist: the regex has 1 group(s)"},
    {"CaptureNegativeGroup", with_one_device("  - expect: {serial: '(x)', capture: {x: -1}}"), 5,
     "-1", "'capture' must be a non-negative integer, got '-1'"},
    {"CaptureBadVariable", with_one_device("  - expect: {serial: '(x)', capture: {1st: 1}}"), 5,
     "1st", "capture variable '1st' must match [A-Za-z_][A-Za-z0-9_]*"},
    {"CaptureNotMapping", with_one_device("  - expect: {serial: '(x)', capture: [1]}"), 5, "[1]",
     "capture must be a mapping"},
    {"CaptureBadPath", with_one_device("  - expect: {mqtt: {json: {a: 1}}, capture: {x: 'a..b'}}"),
     5, "'a..b'", "invalid JSON path 'a..b'"},
    {"ExpectNoneMissingFor", with_one_device("  - expect_none: {serial: ERR}"), 5, "{",
     "missing required key 'for_ms' in expect_none"},
    {"ExpectNoneZeroFor", with_one_device("  - expect_none: {serial: ERR, for_ms: 0}"), 5, "0",
     "'for_ms' must be a positive integer"},
    {"ExpectNoneCapture",
     with_one_device("  - expect_none: {serial: '(E)', for_ms: 5, capture: {x: 1}}"), 5, "capture",
     "unknown key 'capture' in expect_none; allowed: device, serial, mqtt, ir, ws, speaker, "
     "frames, audio, gaps, processes, for_ms"},
    {"ExpectNoneBothLinks",
     with_one_device("  - expect_none: {serial: E, mqtt: {regex: E}, for_ms: 5}"), 5, "mqtt",
     "expect_none takes exactly one of serial, mqtt"},
    {"ExpectNoneBadRegex", with_one_device("  - expect_none: {serial: '*', for_ms: 5}"), 5, "'*'",
     "invalid regex"},
    // fault
    {"FaultUnknownKind", with_one_device("  - fault: {kind: meteor}"), 5, "meteor",
     "unknown fault kind 'meteor'; expected one of broker_outage, link_down, power_cycle, drop, "
     "duplicate, delay, corrupt"},
    {"FaultMissingKind", with_one_device("  - fault: {for_ms: 5}"), 5, "{",
     "missing required key 'kind' in fault"},
    {"FaultUnknownKey", with_one_device("  - fault: {kind: power_cycle, target: node}"), 5,
     "target",
     "unknown key 'target' in fault; allowed: kind, device, link, for_ms, share, delay_ms"},
    {"FaultUnknownDevice", with_one_device("  - fault: {kind: power_cycle, device: pump}"), 5,
     "pump", "unknown device 'pump'"},
    {"LinkDownWithoutLink", with_one_device("  - fault: {kind: link_down, for_ms: 5}"), 5, "{",
     "missing required key 'link' in a link_down fault"},
    {"LinkDownBadLink", with_one_device("  - fault: {kind: link_down, link: usb, for_ms: 5}"), 5,
     "usb", "unknown link 'usb'; expected one of serial, mqtt"},
    {"LinkDownWithoutDuration", with_one_device("  - fault: {kind: link_down, link: serial}"), 5,
     "{", "missing required key 'for_ms' in a link_down fault"},
    {"OutageWithLink", with_one_device("  - fault: {kind: broker_outage, link: mqtt, for_ms: 5}"),
     5, "mqtt", "'link' is only for link_down, drop, duplicate, delay and corrupt faults"},
    {"OutageWithoutDuration", with_one_device("  - fault: {kind: broker_outage}"), 5, "{",
     "missing required key 'for_ms' in a broker_outage fault"},
    {"PowerCycleWithDuration", with_one_device("  - fault: {kind: power_cycle, for_ms: 5}"), 5, "5",
     "a power_cycle fault takes no 'for_ms'"},
    {"DropWithoutLink", with_one_device("  - fault: {kind: drop, for_ms: 5}"), 5, "{",
     "missing required key 'link' in a drop fault"},
    {"DropShareTooLarge",
     with_one_device("  - fault: {kind: drop, link: mqtt, for_ms: 5, share: 1.5}"), 5, "1.5",
     "'share' must be a number in (0, 1], got '1.5'"},
    {"DropShareZero", with_one_device("  - fault: {kind: drop, link: mqtt, for_ms: 5, share: 0}"),
     5, "0", "'share' must be a number in (0, 1], got '0'"},
    {"DelayWithoutDelay", with_one_device("  - fault: {kind: delay, link: serial, for_ms: 5}"), 5,
     "{", "missing required key 'delay_ms' in a delay fault"},
    {"DuplicateWithDelay",
     with_one_device("  - fault: {kind: duplicate, link: mqtt, for_ms: 5, delay_ms: 3}"), 5, "3",
     "'delay_ms' is only for delay faults"},
    {"OutageWithShare", with_one_device("  - fault: {kind: broker_outage, for_ms: 5, share: 0.5}"),
     5, "0.5", "'share' is only for drop, duplicate, delay and corrupt faults"},
    // set
    {"SetNotMapping", with_one_device("  - set: stall"), 5, "stall", "set must be a mapping"},
    {"SetNoSetting", with_one_device("  - set: {device: node}"), 5, "{",
     "set needs one setting besides 'device'"},
    {"SetTwoSettings", with_one_device("  - set: {stall: {motor: 0}, missed_steps: 3}"), 5,
     "missed_steps",
     "set takes exactly one setting besides 'device'; found 'stall' and 'missed_steps'"},
    {"SetUnknownDevice", with_one_device("  - set: {device: pump, stall: {motor: 0}}"), 5, "pump",
     "unknown device 'pump'"},
    // repeat
    {"RepeatZero", with_one_device("  - repeat: {count: 0, steps: []}"), 5, "0",
     "'count' must be a positive integer no larger than 2147483647, got '0'"},
    {"RepeatHuge", with_one_device("  - repeat: {count: 3000000000, steps: []}"), 5, "3000000000",
     "'count' must be a positive integer no larger than 2147483647"},
    {"RepeatMissingCount", with_one_device("  - repeat: {steps: []}"), 5, "{",
     "missing required key 'count' in repeat"},
    {"RepeatMissingSteps", with_one_device("  - repeat: {count: 2}"), 5, "{",
     "missing required key 'steps' in repeat"},
    {"RepeatStepsNotList", with_one_device("  - repeat: {count: 2, steps: {advance: 1}}"), 5,
     "{advance", "'steps' must be a list of steps"},
    {"RepeatNestedError", with_one_device("  - repeat: {count: 2, steps: [{advance: x}]}"), 5, "x}",
     "'advance' must be a non-negative integer, got 'x'"},
    {"RepeatUnknownKey", with_one_device("  - repeat: {count: 2, times: 3, steps: []}"), 5, "times",
     "unknown key 'times' in repeat; allowed: count, steps"},
    // include
    {"IncludeMissing", with_one_device("  - include: nowhere.yaml"), 5, "include",
     "cannot include 'nowhere.yaml': no such file"},
    {"IncludeWithName", with_one_device("  - {name: boot, include: x.yaml}"), 5, "boot",
     "an include step takes no 'name'"},
    {"IncludeNotText", with_one_device("  - include: [a.yaml]"), 5, "[",
     "'include' must be a string, got a list"},
    // device defaulting
    {"DeviceRequiredWithTwo", with_two_devices("  - send: {serial: x}"), 6, "{",
     "send needs 'device': the scenario declares 2 devices (a, b)"},
    {"ExpectDeviceRequiredWithTwo", with_two_devices("  - expect: {serial: x}"), 6, "{",
     "expect needs 'device'"},
    {"SetDeviceRequiredWithTwo", with_two_devices("  - set: {stall: {motor: 0}}"), 6, "{",
     "set needs 'device'"},
    {"UnknownDeviceWithTwo", with_two_devices("  - expect_none: {device: c, serial: x, for_ms: 1}"),
     6, "c,", "unknown device 'c'; declared: a, b"},
};

class LoadErrorTest : public LoaderTest, public ::testing::WithParamInterface<ErrorCase> {};

TEST_P(LoadErrorTest, ReportsWhereAndWhat) {
  const ErrorCase& error_case = GetParam();
  const LoadError error = load_error(error_case.yaml);
  EXPECT_EQ(error.where.file, path_of("scenario.yaml"));
  EXPECT_EQ(error.where.line, error_case.line) << error.to_string();
  const std::size_t column = line_of(error_case.yaml, error_case.line).find(error_case.token);
  ASSERT_NE(column, std::string::npos) << "token not on the line";
  EXPECT_EQ(error.where.column, error_case.line == 0 ? 0 : static_cast<int>(column) + 1)
      << error.to_string();
  EXPECT_TRUE(mentions(error, error_case.message)) << error.to_string();
}

INSTANTIATE_TEST_SUITE_P(Loader, LoadErrorTest, ::testing::ValuesIn(kErrorCases),
                         [](const ::testing::TestParamInfo<ErrorCase>& info) {
                           return info.param.name;
                         });

TEST_F(LoaderTest, MissingFileIsAnErrorOnLineZero) {
  const std::string path = path_of("absent.yaml");
  const LoadError error = error_of(load_scenario(path));
  EXPECT_EQ(error.where.file, path);
  EXPECT_EQ(error.where.line, 0);
  EXPECT_TRUE(mentions(error, "no such file")) << error.to_string();
}

TEST_F(LoaderTest, DirectoryIsNotAScenarioFile) {
  const LoadError error = error_of(load_scenario(dir_.string()));
  EXPECT_EQ(error.where.line, 0);
}

TEST_F(LoaderTest, ErrorTextNamesFileLineAndColumn) {
  const LoadError error = load_error(with_one_device("  - advance: abc"));
  EXPECT_EQ(error.to_string(), path_of("scenario.yaml") +
                                   ":5:14: 'advance' must be a non-negative integer, got 'abc'");
}

// ---- Includes ----

TEST_F(LoaderTest, IncludesInlineStepsWithTheirOwnLocations) {
  const auto result = load_scenario(kData + "/homing.yaml");
  ASSERT_TRUE(std::holds_alternative<Scenario>(result)) << std::get<LoadError>(result).to_string();
  const auto& scenario = std::get<Scenario>(result);
  EXPECT_EQ(scenario.devices.at(0).options["node_id"], "24a1601b2c3d");
  ASSERT_EQ(scenario.steps.size(), 4u);

  const Step& boot = scenario.steps[0];
  EXPECT_EQ(boot.where.file, kData + "/fragments/_boot.yaml");
  EXPECT_EQ(boot.where.line, 2);
  EXPECT_EQ(boot.where.column, 3);
  EXPECT_EQ(std::get<ExpectStep>(boot.body).match.regex, "BOOT (\\S+)");
  EXPECT_EQ(std::get<ExpectStep>(boot.body).on.device, "node");
  EXPECT_EQ(scenario.steps[1].where.line, 3);
  EXPECT_EQ(std::get<AdvanceStep>(scenario.steps[1].body).ms, 10);

  const Step& advance = scenario.steps[2];
  EXPECT_EQ(advance.where.file, kData + "/homing.yaml");
  EXPECT_EQ(advance.where.line, 7);
  EXPECT_EQ(std::get<AdvanceStep>(advance.body).ms, 100);

  const auto& repeat = std::get<RepeatStep>(scenario.steps[3].body);
  EXPECT_EQ(repeat.count, 2);
  ASSERT_EQ(repeat.steps.size(), 2u);
  EXPECT_EQ(repeat.steps[0].where.file, kData + "/fragments/_moves.yaml");
  EXPECT_EQ(repeat.steps[0].where.line, 3);
  EXPECT_EQ(std::get<SendStep>(repeat.steps[0].body).text, "MOVE:0,1200");
  EXPECT_EQ(repeat.steps[1].where.file, kData + "/fragments/_wait.yaml");
  EXPECT_EQ(repeat.steps[1].where.line, 2);
  EXPECT_EQ(std::get<AdvanceStep>(repeat.steps[1].body).ms, 50);
}

TEST_F(LoaderTest, IncludeCycleIsAnErrorAtTheIncludeStep) {
  write("_b.yaml", "# b\n- include: _c.yaml\n");
  write("_c.yaml", "- advance: 1\n- include: _b.yaml\n");
  const LoadError error = load_error(with_one_device("  - include: _b.yaml"));
  EXPECT_EQ(error.where.file, path_of("_c.yaml"));
  EXPECT_EQ(error.where.line, 2);
  EXPECT_EQ(error.where.column, 3);
  EXPECT_TRUE(mentions(error, "include cycle: " + path_of("scenario.yaml") + " -> " +
                                  path_of("_b.yaml") + " -> " + path_of("_c.yaml") + " -> "))
      << error.to_string();
}

TEST_F(LoaderTest, IncludingItselfIsACycle) {
  const LoadError error = load_error(with_one_device("  - include: scenario.yaml"));
  EXPECT_EQ(error.where.line, 5);
  EXPECT_TRUE(mentions(error, "include cycle")) << error.to_string();
}

TEST_F(LoaderTest, IncludingAFragmentTwiceIsNoCycle) {
  write("_wait.yaml", "- delay: 5\n");
  const Scenario scenario =
      load_ok(with_one_device("  - include: _wait.yaml\n  - include: _wait.yaml"));
  EXPECT_EQ(scenario.steps.size(), 2u);
}

TEST_F(LoaderTest, MissingNestedIncludeIsReportedInTheFragment) {
  write("parts/_outer.yaml", "steps:\n  - include: ../gone.yaml\n");
  const LoadError error = load_error(with_one_device("  - include: parts/_outer.yaml"));
  EXPECT_EQ(error.where.file, path_of("parts/_outer.yaml"));
  EXPECT_EQ(error.where.line, 2);
  EXPECT_EQ(error.where.column, 5);
  EXPECT_TRUE(mentions(error, "cannot include '../gone.yaml'")) << error.to_string();
}

TEST_F(LoaderTest, ErrorInsideAFragmentPointsIntoIt) {
  write("_bad.yaml", "- {advance: 1}\n- {advance: x}\n");
  const LoadError error = load_error(with_one_device("  - include: _bad.yaml"));
  EXPECT_EQ(error.where.file, path_of("_bad.yaml"));
  EXPECT_EQ(error.where.line, 2);
  EXPECT_EQ(error.where.column, 13);
}

TEST_F(LoaderTest, SyntaxErrorInsideAFragmentPointsIntoIt) {
  write("_bad.yaml", "- advance: 1\n- [unclosed\n");
  const LoadError error = load_error(with_one_device("  - include: _bad.yaml"));
  EXPECT_EQ(error.where.file, path_of("_bad.yaml"));
  EXPECT_GE(error.where.line, 2);
  EXPECT_TRUE(mentions(error, "invalid YAML")) << error.to_string();
}

TEST_F(LoaderTest, FragmentMappingTakesOnlySteps) {
  write("_bad.yaml", "steps: []\nextra: 1\n");
  const LoadError error = load_error(with_one_device("  - include: _bad.yaml"));
  EXPECT_EQ(error.where.file, path_of("_bad.yaml"));
  EXPECT_EQ(error.where.line, 2);
  EXPECT_EQ(error.where.column, 1);
  EXPECT_TRUE(mentions(error, "unknown key 'extra' in an included file; allowed: steps"))
      << error.to_string();
}

TEST_F(LoaderTest, FragmentMustHoldSteps) {
  write("_bad.yaml", "hello\n");
  const LoadError error = load_error(with_one_device("  - include: _bad.yaml"));
  EXPECT_EQ(error.where.file, path_of("_bad.yaml"));
  EXPECT_TRUE(
      mentions(error, "an included file must be a list of steps or a mapping with only 'steps'"))
      << error.to_string();
}

// ---- expand_scenario_paths ----

TEST_F(LoaderTest, ExpandsDirectorySortedSkippingFragments) {
  write("b.yaml", "");
  write("a.yml", "");
  write("_fragment.yaml", "");
  write("notes.txt", "");
  write("nested/c.yaml", "");
  const auto result = expand_scenario_paths({dir_.string()});
  ASSERT_TRUE(std::holds_alternative<std::vector<std::string>>(result))
      << std::get<LoadError>(result).to_string();
  EXPECT_EQ(std::get<std::vector<std::string>>(result),
            (std::vector<std::string>{path_of("a.yml"), path_of("b.yaml")}));
}

TEST_F(LoaderTest, ExpandsFilesAsGivenInOrder) {
  const std::string fragment = write("_fragment.yaml", "");
  const std::string scenario = write("z.yaml", "");
  write("dir/m.yaml", "");
  const auto result = expand_scenario_paths({scenario, path_of("dir"), fragment});
  const std::vector<std::string> expected = {scenario, path_of("dir/m.yaml"), fragment};
  EXPECT_EQ(std::get<std::vector<std::string>>(result), expected);
}

TEST_F(LoaderTest, ExpandsTheTestData) {
  const auto result = expand_scenario_paths({kData});
  EXPECT_EQ(std::get<std::vector<std::string>>(result),
            (std::vector<std::string>{kData + "/homing.yaml"}));
}

TEST_F(LoaderTest, ExpandingAMissingPathNamesIt) {
  const std::string missing = path_of("nope");
  const auto result = expand_scenario_paths({missing});
  ASSERT_TRUE(std::holds_alternative<LoadError>(result));
  const auto& error = std::get<LoadError>(result);
  EXPECT_EQ(error.where.file, missing);
  EXPECT_EQ(error.where.line, 0);
  EXPECT_TRUE(mentions(error, missing)) << error.to_string();
}

TEST_F(LoaderTest, DirectoryWithOnlyFragmentsIsAnError) {
  write("_fragment.yaml", "");
  write("readme.md", "");
  const auto result = expand_scenario_paths({dir_.string()});
  ASSERT_TRUE(std::holds_alternative<LoadError>(result));
  EXPECT_EQ(std::get<LoadError>(result).where.file, dir_.string());
  EXPECT_TRUE(mentions(std::get<LoadError>(result), "no scenario files"))
      << std::get<LoadError>(result).to_string();
}

}  // namespace
}  // namespace hil::scenario
