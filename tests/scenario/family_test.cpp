// Device families as rows: a family that exists only in this test is registered beside the built-in
// ones and runs a scenario in process and against a fake target (a PTY answered by a thread), and
// the built-in rows hold what the loader, reports and listings need.
#include "bench/scenario/family.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "bench/io/pty.h"
#include "bench/scenario/html_report.h"
#include "bench/scenario/runner.h"
#include "bench/scenario/scenario_loader.h"
#include "bench/scenario/sim_bus_device.h"
#include "bench/scenario/target_file.h"
#include "bench/scenario/vcd_writer.h"

namespace hil::scenario {
namespace {

namespace fs = std::filesystem;

// The test family's device: a counter on a console. "ADD n" adds n and, reply_ms later, prints
// "COUNT=<total>"; `set: {count: N}` sets the total; its snapshot is {"count": total}.
class CounterDevice : public Device {
 public:
  CounterDevice(std::string name, std::int64_t start, std::int64_t reply_ms,
                sim::VirtualScheduler& clock, DeviceOutput output)
      : name_(std::move(name)), count_(start), reply_ms_(reply_ms), clock_(clock) {
    on_output = std::move(output);
  }

  const std::string& name() const override { return name_; }
  std::string kind() const override { return "counter"; }
  bool deliver(const std::string&, const std::string&, const std::string& payload) override {
    if (payload.rfind("ADD ", 0) != 0) return true;
    count_ += std::stoll(payload.substr(4));
    clock_.call_at(clock_.now() + core::Micros(reply_ms_ * 1000), [this] {
      on_output(LinkMessage{clock_.now().count(),
                            name_,
                            "serial",
                            "",
                            "COUNT=" + std::to_string(count_),
                            false,
                            false,
                            {}});
    });
    return true;
  }
  bool set_link_up(const std::string&, bool, std::string& error) override {
    error = "no faults";
    return false;
  }
  bool power_cycle(std::string& error) override {
    error = "no faults";
    return false;
  }
  bool set(const std::string& what, const nlohmann::json& value, std::string& error) override {
    if (what != "count" || !value.is_number_integer()) {
      error = "set count: N";
      return false;
    }
    count_ = value.get<std::int64_t>();
    return true;
  }
  nlohmann::json snapshot() override { return {{"count", count_}}; }
  nlohmann::json describe() const override { return {{"name", name_}, {"kind", "counter"}}; }

 private:
  std::string name_;
  std::int64_t count_;
  std::int64_t reply_ms_;
  sim::VirtualScheduler& clock_;
};

Family counter_family() {
  Family row;
  row.kind = "counter";
  row.aliases = {"tally"};
  row.summary = "a test-only counter on a console";
  row.options = {integer_option("start", "the count at start", 0, 1000, 0),
                 integer_option("reply_ms", "how long an answer takes", 0, 10000, 10)};
  row.links = {{"serial", LinkShape::kLines, "ADD n in, COUNT=total out"}};
  row.settings = {{"count", "N", "the total now"}};
  row.signals = {{"count", "count", 1, ""}};
  row.plots = {{"count", {{"count", "total"}}}};
  row.make = [](const DeviceSpec& spec, SimContext& context, DeviceOutput output,
                std::string&) -> std::unique_ptr<Device> {
    return std::make_unique<CounterDevice>(spec.name, spec.options.value("start", 0),
                                           spec.options.value("reply_ms", 10), context.scheduler,
                                           std::move(output));
  };
  row.remote.serial = Need::kRequired;
  row.remote.mqtt = Need::kNo;
  row.remote.profile = [](const DeviceSpec&, const RemoteConnection&, std::string&) {
    RemoteProfile profile;
    profile.kind = "counter";
    return std::optional<RemoteProfile>(profile);
  };
  return row;
}

// A host program on the session's broker (test-only): each console line it is sent is published
// on its `publish_to` topic, and what it hears on its `listen` filter comes out on its console.
class HostAppDevice : public SimBusDevice {
 public:
  HostAppDevice(std::string name, const nlohmann::json& options, sim::SimMqttBus& bus,
                core::Scheduler& clock, DeviceOutput output)
      : SimBusDevice(std::move(name), bus, clock, std::move(output)),
        publish_to_(options.value("publish_to", "")) {
    mqtt().subscribe(options.value("listen", "#"), 1);
    mqtt().connect();
  }
  std::string kind() const override { return "host_app"; }
  bool deliver(const std::string& link, const std::string& topic,
               const std::string& payload) override {
    if (link != "serial") return SimBusDevice::deliver(link, topic, payload);
    return mqtt().publish(publish_to_, payload, 1, false);
  }
  bool power_cycle(std::string& error) override {
    error = "no faults";
    return false;
  }
  bool set(const std::string&, const nlohmann::json&, std::string& error) override {
    error = "nothing to set";
    return false;
  }
  nlohmann::json snapshot() override { return nlohmann::json::object(); }
  nlohmann::json describe() const override { return {{"name", name()}, {"kind", "host_app"}}; }

 private:
  void on_message(std::string_view topic, std::string_view payload, bool) override {
    emit("serial", "", std::string(topic) + " " + std::string(payload));
  }
  void on_connected() override {}

  std::string publish_to_;
};

Family host_app_family() {
  Family row;
  row.kind = "host_app";
  row.summary = "a test-only host program on the session's broker";
  row.options = {text_option("publish_to", "where its console lines are published"),
                 text_option("listen", "what it hears and prints", "#")};
  row.links = {{"serial", LinkShape::kLines, "lines to publish in, what it heard out"},
               {"mqtt", LinkShape::kPublishes, "its own publishes"}};
  row.make = [](const DeviceSpec& spec, SimContext& context, DeviceOutput output,
                std::string&) -> std::unique_ptr<Device> {
    return std::make_unique<HostAppDevice>(spec.name, spec.options, context.bus, context.scheduler,
                                           std::move(output));
  };
  return row;
}

// The built-in rows and the test's own.
FamilyRegistry with_counter() {
  FamilyRegistry families = FamilyRegistry::builtin();
  families.add(counter_family());
  families.add(host_app_family());
  return families;
}

constexpr const char* kCounterScenario =
    "name: counting\n"
    "devices:\n"
    "  - {name: c, kind: counter, start: 5}\n"
    "steps:\n"
    "  - send: {serial: ADD 2}\n"
    "  - expect: {serial: 'COUNT=7', timeout_ms: 1000}\n"
    "  - set: {count: 40}\n"
    "  - send: {serial: ADD 2}\n"
    "  - expect: {serial: 'COUNT=(\\d+)', timeout_ms: 1000, capture: {total: 1}}\n"
    "  - advance: 300\n";  // state samples every 100 ms for the reports

class FamilyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("hil_family_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
            std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& text) {
    const fs::path path = dir_ / "s.yaml";
    std::ofstream(path) << text;
    return path.string();
  }

  // Loads the scenario with the test's rows and runs it in process on virtual time.
  static ScenarioResult run_in_process(const std::string& path, const FamilyRegistry& families) {
    auto loaded = load_scenario(path, families);
    if (const auto* error = std::get_if<LoadError>(&loaded)) {
      ADD_FAILURE() << error->to_string();
      return {};
    }
    RunOptions options;
    options.make_session = [&families](const SessionOptions& session) {
      return Session::simulated(session, nullptr, families);
    };
    return run_scenario(std::get<Scenario>(loaded), options);
  }

  fs::path dir_;
};

TEST_F(FamilyTest, ATestFamilyRunsInProcessFromItsRowAlone) {
  const FamilyRegistry families = with_counter();
  const ScenarioResult result = run_in_process(write(kCounterScenario), families);
  ASSERT_TRUE(result.passed) << (result.failure ? result.failure->message : "");
  EXPECT_EQ(result.devices, nlohmann::json::parse(R"([{"name":"c","kind":"counter"}])"));
  // Its signal and its chart come from its row.
  std::ostringstream vcd, html;
  write_vcd(vcd, result, families);
  write_html(html, {result}, families);
  EXPECT_NE(vcd.str().find("$var integer 32 "), std::string::npos);
  EXPECT_NE(vcd.str().find(" count $end"), std::string::npos);
  EXPECT_NE(vcd.str().find("serial_in $end"), std::string::npos);
  EXPECT_NE(html.str().find("c: count"), std::string::npos);
}

TEST_F(FamilyTest, ATestFamilysOptionsAreCheckedByTheLoaderWithTheirPlace) {
  const FamilyRegistry families = with_counter();
  const auto error_of = [&](const std::string& device) {
    auto loaded =
        load_scenario(write("name: t\ndevices:\n  - " + device + "\nsteps: []\n"), families);
    return std::holds_alternative<LoadError>(loaded) ? std::get<LoadError>(loaded).to_string()
                                                     : std::string("loaded");
  };
  EXPECT_NE(error_of("{name: c, kind: counter, start: 5000}").find(":3:"), std::string::npos);
  EXPECT_NE(error_of("{name: c, kind: counter, start: 5000}")
                .find("'start' must be an integer from 0 to 1000, got '5000'"),
            std::string::npos);
  EXPECT_NE(
      error_of("{name: c, kind: counter, speed: 1}").find("allowed: name, kind, start, reply_ms"),
      std::string::npos);
  EXPECT_NE(error_of("{name: c, kind: counter, start: '5'}").find("got the string \"5\""),
            std::string::npos);
  EXPECT_EQ(error_of("{name: c, kind: tally}"), "loaded");  // its alias
  // Without the row, the kind is unknown everywhere: in the loader and in a session.
  auto builtin = load_scenario(write(kCounterScenario));
  ASSERT_TRUE(std::holds_alternative<LoadError>(builtin));
  EXPECT_NE(std::get<LoadError>(builtin).message.find(
                "unknown device kind 'counter'; expected one of stepper"),
            std::string::npos);
  auto session = Session::simulated(SessionOptions{});
  EXPECT_NE(session->add_device(DeviceSpec{"c", "counter", nlohmann::json::object(), {}})
                .find("unknown device kind"),
            std::string::npos);
}

// Every simulated device that speaks MQTT shares the session's broker: a host program commands a
// stepper node, hears its answer and its will, as through mosquitto.
TEST_F(FamilyTest, AStepperHearsAndIsHeardByAnotherDeviceOnTheSessionsBroker) {
  const FamilyRegistry families = with_counter();
  const ScenarioResult result = run_in_process(
      write("name: one broker\n"
            "devices:\n"
            "  - {name: node, kind: stepper, node_id: n1}\n"
            "  - {name: host, kind: host_app, publish_to: devices/n1/cmd, listen: devices/n1/#}\n"
            "steps:\n"
            "  - send: {device: host, serial: "
            "'{\"cmd_id\":\"h1\",\"action\":\"GET\",\"params\":{\"resource\":\"SPEED\"}}'}\n"
            "  - expect: {device: node, mqtt: {json: {cmd_id: h1, status: done, result: {SPEED: "
            "4000}}}, timeout_ms: 10}\n"
            "  - expect: {device: host, serial: '^devices/n1/cmd/resp .*\"cmd_id\":\"h1\"', "
            "timeout_ms: 10}\n"
            "  - fault: {kind: broker_outage, device: node, for_ms: 1000}\n"
            "  - expect: {device: host, serial: '^devices/n1/status .*\"node_state\":\"offline\"', "
            "timeout_ms: 10}\n"),
      families);
  ASSERT_TRUE(result.passed) << (result.failure ? result.failure->message : "");
  // The node's input names its sender, so a replay does not feed it twice.
  const auto command =
      std::find_if(result.messages.begin(), result.messages.end(), [](const LinkMessage& m) {
        return m.device == "node" && m.inbound && m.topic == "devices/n1/cmd";
      });
  ASSERT_NE(command, result.messages.end());
  EXPECT_EQ(command->from, "host");
}

TEST_F(FamilyTest, AnUnknownKindGetsNoStepperSignalsInTheDump) {
  ScenarioResult result;
  result.name = "t";
  result.devices = nlohmann::json::array({{{"name", "x"}, {"kind", "servo"}}});
  result.samples.push_back(StateSample{0, {{"x", {{"position", {1, 2}}}}}});
  std::ostringstream vcd;
  write_vcd(vcd, result);
  EXPECT_EQ(vcd.str().find("position"), std::string::npos);
  EXPECT_EQ(vcd.str().find("serial_in"), std::string::npos);
}

// The fake board: answers each "ADD n" line on the PTY's master with COUNT=<running total>.
class FakeCounterBoard {
 public:
  explicit FakeCounterBoard(int fd) : fd_(fd), thread_([this] { serve(); }) {}
  ~FakeCounterBoard() {
    stop_ = true;
    thread_.join();
  }

 private:
  void serve() {
    std::string line;
    std::int64_t total = 5;
    while (!stop_) {
      pollfd ready{fd_, POLLIN, 0};
      if (::poll(&ready, 1, 20) <= 0) continue;
      char c = 0;
      if (::read(fd_, &c, 1) != 1) continue;
      if (c != '\n') {
        line += c;
        continue;
      }
      if (line.rfind("ADD ", 0) == 0) {
        total += std::stoll(line.substr(4));
        const std::string reply = "COUNT=" + std::to_string(total) + "\r\n";
        if (::write(fd_, reply.data(), reply.size()) < 0) return;
      }
      line.clear();
    }
  }

  int fd_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

TEST_F(FamilyTest, ATestFamilyRunsAgainstAFakeTargetThroughItsRemoteRules) {
  const FamilyRegistry families = with_counter();
  std::string error;
  auto pty = bench::Pty::open(error);
  ASSERT_TRUE(pty) << error;
  FakeCounterBoard board(pty->master_fd());
  auto loaded =
      load_scenario(write("name: counting\ndevices:\n  - {name: c, kind: counter}\nsteps:\n"
                          "  - send: {serial: ADD 2}\n"
                          "  - expect: {serial: 'COUNT=7', timeout_ms: 2000}\n"),
                    families);
  ASSERT_TRUE(std::holds_alternative<Scenario>(loaded)) << std::get<LoadError>(loaded).to_string();
  Target target;
  target.file = "fake.yaml";
  target.devices = {{"c", RemoteConnection{"", pty->slave_path(), "", "", "", ""}}};
  RunOptions options;
  options.make_session = target_sessions(target, 1.0, 0, families);
  const ScenarioResult result = run_scenario(std::get<Scenario>(loaded), options);
  EXPECT_TRUE(result.passed) << (result.failure ? result.failure->message : "");
  EXPECT_EQ(result.clock, "real");

  // What the row needs and forbids in a target, checked before anything connects.
  Target over_mqtt{
      "fake.yaml", {{"c", RemoteConnection{"", "", "mqtt://127.0.0.1:1", "", "", ""}}}, {}};
  options.make_session = target_sessions(over_mqtt, 1.0, 0, families);
  const ScenarioResult refused = run_scenario(std::get<Scenario>(loaded), options);
  ASSERT_FALSE(refused.passed);
  EXPECT_NE(refused.failure->message.find("the counter device 'c' needs a 'serial' connection"),
            std::string::npos)
      << refused.failure->message;
}

TEST(FamilyRows, TheListingHoldsEveryRowWithOptionsLinksAndSettings) {
  const nlohmann::ordered_json listing = describe_families(with_counter());
  ASSERT_EQ(listing["kinds"].size(), FamilyRegistry::builtin().rows().size() + 2);
  const auto& counter = listing["kinds"][FamilyRegistry::builtin().rows().size()];
  EXPECT_EQ(counter["kind"], "counter");
  EXPECT_EQ(counter["aliases"], nlohmann::ordered_json::array({"tally"}));
  EXPECT_EQ(counter["options"][0]["key"], "start");
  EXPECT_EQ(counter["options"][0]["type"], "integer");
  EXPECT_EQ(counter["options"][0]["min"], 0);
  EXPECT_EQ(counter["options"][0]["max"], 1000);
  EXPECT_EQ(counter["links"][0]["name"], "serial");
  EXPECT_EQ(counter["settings"][0]["name"], "count");
  EXPECT_NE(options_markdown(with_counter()).find("| `start` | an integer from 0 to 1000 | `0` |"),
            std::string::npos);
}

TEST(FamilyRows, EveryBuiltInRowCanBeMadeReachedAndListed) {
  for (const Family& row : FamilyRegistry::builtin().rows()) {
    SCOPED_TRACE(row.kind);
    EXPECT_TRUE(row.make);
    // A target reaches a real device over MQTT or serial (the audio rows' WebSocket targets are
    // not there yet).
    if (row.has_link("mqtt") || row.has_link("serial")) EXPECT_TRUE(row.remote.profile);
    EXPECT_FALSE(row.links.empty());
    EXPECT_FALSE(row.summary.empty());
    for (const auto& option : row.options) {
      EXPECT_FALSE(option.description.empty()) << option.key;
      if (!option.default_value.is_null()) {
        EXPECT_EQ(check_option(option, option.default_value), "") << option.key;
      }
    }
    // Every row's defaults make a device (what the Python Bench and the loader rely on).
    auto session = Session::simulated(SessionOptions{});
    EXPECT_EQ(session->add_device(DeviceSpec{"d", row.kind, nlohmann::json::object(), {}}), "");
  }
}

TEST(FamilyRows, AliasesNameTheirFamilysKind) {
  const FamilyRegistry& families = FamilyRegistry::builtin();
  ASSERT_NE(families.find("ir-blaster"), nullptr);
  EXPECT_EQ(families.find("ir-blaster")->kind, "ir_blaster");
  ASSERT_NE(families.find("supervisor"), nullptr);
  EXPECT_EQ(families.find("supervisor")->kind, "mcu");
  auto session = Session::simulated(SessionOptions{});
  ASSERT_EQ(session->add_device(DeviceSpec{"b", "ir-blaster", nlohmann::json::object(), {}}), "");
  EXPECT_EQ(session->device("b")->kind(), "ir_blaster");
  EXPECT_EQ(session->describe_devices()[0]["kind"], "ir_blaster");
}

TEST(FamilyRows, AnHvacEntityNameDefaultsToItsDeviceIdAsOnTheCommandLine) {
  auto session = Session::simulated(SessionOptions{});
  ASSERT_EQ(session->add_device(
                DeviceSpec{"ac", "hvac", {{"device_id", "living_room"}, {"blaster", "b1"}}, {}}),
            "");
  EXPECT_EQ(session->describe_devices()[0]["entity_name"], "living_room");
}

}  // namespace
}  // namespace hil::scenario
