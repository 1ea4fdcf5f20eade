// The head controller on simulated processes and Bluetooth in virtual time: the spec's topics and
// payloads, `running` only once a script runs, one final status per run, stops that leave nothing,
// refusals that spawn nothing, Bluetooth outcomes, and a shutdown that ends everything.
#include "firmware_core/head/head_controller.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sim/common/captured_links.h"
#include "sim/head/sim_bluetooth_adapter.h"
#include "sim/head/sim_process_runner.h"
#include "sim/time/virtual_scheduler.h"

namespace hil::head {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

struct FixedClock : core::WallClock {
  double unix_seconds() const override { return 1'700'000'000.25; }
};

class HeadTest : public ::testing::Test {
 protected:
  HeadTest() {
    sim::SimScript eyes;
    eyes.runs_for = 3s;
    runner_.describe("/scripts/eyes.py", eyes);
    sim::SimScript forever;
    forever.runs_forever = true;
    runner_.describe("/scripts/forever.py", forever);
    sim::SimScript stubborn = forever;
    stubborn.ignores_term = true;
    runner_.describe("/scripts/stubborn.py", stubborn);
    sim::SimScript failing;
    failing.runs_for = 500ms;
    failing.exit_code = 2;
    failing.stderr_text = "Traceback (most recent call last):\nValueError: bad eye\n";
    runner_.describe("/scripts/failing.py", failing);
    sim::SimScript daemonizer;
    daemonizer.runs_for = 1s;
    daemonizer.forks = 2;
    runner_.describe("/scripts/daemonizer.py", daemonizer);
    bluetooth_.describe("00:11:22:33:44:55", {});
    bluetooth_.describe("66:77:88:99:AA:BB",
                        {200ms, "org.bluez.Error.Failed", "br-connection-page-timeout", false});
    bluetooth_.describe("CC:CC:CC:CC:CC:CC", {0ms, "", "", true});
    mqtt_.set_connected(true);
    head_.on_connected();
    mqtt_.take();
  }

  void send(const std::string& what, const std::string& payload) {
    head_.on_message("heads/head1/control/" + what, payload);
  }
  // Every message since the last call, as "topic payload-without-timestamp".
  std::vector<std::string> published() {
    std::vector<std::string> out;
    for (sim::PublishedMessage& message : mqtt_.take()) {
      json doc = json::parse(message.payload, nullptr, false);
      if (doc.is_object()) doc.erase("timestamp");
      out.push_back(message.topic + " " + (doc.is_discarded() ? message.payload : doc.dump()));
    }
    return out;
  }

  sim::VirtualScheduler clock_;
  sim::CapturedMqtt mqtt_{clock_};
  sim::SimProcessRunner runner_{clock_};
  sim::SimBluetoothAdapter bluetooth_{clock_};
  FixedClock wall_;
  sim::CapturedConsole log_;
  HeadController head_{{clock_, mqtt_, runner_, bluetooth_, wall_, log_}, HeadOptions{"head1"}};
};

TEST_F(HeadTest, TheWillAndAvailabilityAndTheControlSubscription) {
  EXPECT_EQ(mqtt_.will().topic, "heads/head1/availability");
  EXPECT_EQ(mqtt_.will().payload, "offline");
  EXPECT_TRUE(mqtt_.will().retain);
  EXPECT_EQ(mqtt_.subscriptions(), std::vector<std::string>{"heads/head1/control/#"});
  head_.on_connected();
  const auto messages = mqtt_.take();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].payload, "online");
  EXPECT_TRUE(messages[0].retain);
}

TEST_F(HeadTest, RunningOnlyOnceItRunsThenFinishedWithTheSpecsFields) {
  send("script/start", R"({"id": "eyes1", "path": "/scripts/eyes.py"})");
  EXPECT_TRUE(published().empty()) << "nothing before exec";
  clock_.advance(2ms);
  EXPECT_EQ(published(),
            std::vector<std::string>{
                R"(heads/head1/status/script/eyes1 {"id":"eyes1","status":"running"})"});
  clock_.advance(3s);
  EXPECT_EQ(
      published(),
      std::vector<std::string>{
          R"(heads/head1/status/script/eyes1 {"exit_code":0,"id":"eyes1","status":"finished"})"});
  send("script/start", R"({"id": "eyes1", "path": "/scripts/eyes.py"})");
  clock_.advance(1ms);
  const auto first = mqtt_.take();
  EXPECT_TRUE(first.empty());
  clock_.advance(1ms);
  const auto running = mqtt_.take();
  ASSERT_EQ(running.size(), 1u);
  EXPECT_EQ(json::parse(running[0].payload)["timestamp"], 1'700'000'000.25);
  EXPECT_EQ(running[0].qos, 1);
  EXPECT_FALSE(running[0].retain);
}

TEST_F(HeadTest, AStartThatCannotStartIsFailedAndNeverRunning) {
  send("script/start", R"({"id": "ghost", "path": "/scripts/missing.py"})");
  clock_.advance(1s);
  EXPECT_EQ(
      published(),
      std::vector<std::string>{
          R"(heads/head1/status/script/ghost {"error":"no script at /scripts/missing.py","id":"ghost","status":"failed"})"});
  send("script/start", R"({"id": "v", "path": "-V"})");
  clock_.advance(1s);
  EXPECT_EQ(
      published(),
      std::vector<std::string>{
          R"(heads/head1/status/script/v {"error":"'path' may not start with '-'","id":"v","status":"failed"})"});
  EXPECT_EQ(runner_.processes_alive(), 0u);
}

TEST_F(HeadTest, AFailingScriptsStatusCarriesTheEndOfItsStderr) {
  send("script/start", R"({"id": "f", "path": "/scripts/failing.py"})");
  clock_.advance(1s);
  const auto messages = published();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(
      messages[1],
      R"(heads/head1/status/script/f {"error":"Traceback (most recent call last):\\nValueError: bad eye","exit_code":2,"id":"f","status":"failed"})");
}

TEST_F(HeadTest, AStartForARunningIdIsRefusedOnItsTopicWhichStillSaysRunning) {
  send("script/start", R"({"id": "eyes1", "path": "/scripts/forever.py"})");
  clock_.advance(10ms);
  published();
  send("script/start", R"({"id": "eyes1", "path": "/scripts/eyes.py"})");
  clock_.advance(10s);
  EXPECT_EQ(
      published(),
      std::vector<std::string>{
          R"(heads/head1/status/script/eyes1 {"error":"already running: a start for a running id is refused; stop it first","id":"eyes1","status":"running"})"});
  EXPECT_EQ(runner_.processes_alive(), 1u) << "the first keeps running";
}

// Bug: a start the parser refuses ('-V', an empty path) for an id that was running published
// `failed` on the running script's topic, which kept running.
TEST_F(HeadTest, ARefusedStartForARunningIdLeavesItsTopicSayingRunning) {
  send("script/start", R"({"id": "eyes1", "path": "/scripts/forever.py"})");
  clock_.advance(10ms);
  published();
  send("script/start", R"({"id": "eyes1", "path": "-V"})");
  send("script/start", R"({"id": "eyes1", "path": ""})");
  clock_.advance(10s);
  const std::string refusal =
      R"(heads/head1/status/script/eyes1 {"error":"already running: a start for a running id is refused; stop it first","id":"eyes1","status":"running"})";
  EXPECT_EQ(published(), (std::vector<std::string>{refusal, refusal}));
  EXPECT_EQ(runner_.processes_alive(), 1u) << "the first keeps running";
}

TEST_F(HeadTest, StopGivesStoppedOnce) {
  send("script/start", R"({"id": "e", "path": "/scripts/forever.py"})");
  clock_.advance(10ms);
  published();
  send("script/stop", R"({"id": "e"})");
  send("script/stop", R"({"id": "e"})");  // a second stop changes nothing
  clock_.advance(10s);
  EXPECT_EQ(published(),
            std::vector<std::string>{
                R"(heads/head1/status/script/e {"id":"e","signal":15,"status":"stopped"})"});
  EXPECT_EQ(runner_.processes_alive(), 0u);
}

TEST_F(HeadTest, AScriptThatIgnoresSigtermIsKilledWhenTheGraceIsOver) {
  send("script/start", R"({"id": "s", "path": "/scripts/stubborn.py"})");
  clock_.advance(10ms);
  published();
  send("script/stop", R"({"id": "s"})");
  clock_.advance(5s - 1us);
  EXPECT_TRUE(published().empty());
  send("script/status", R"({"id": "s"})");  // answered at once while the stop waits (ran from 2 ms)
  EXPECT_EQ(
      published(),
      std::vector<std::string>{
          R"(heads/head1/status/script/s {"id":"s","path":"/scripts/stubborn.py","runtime":5.008,"status":"running"})"});
  clock_.advance(1us);
  EXPECT_EQ(published(),
            std::vector<std::string>{
                R"(heads/head1/status/script/s {"id":"s","signal":9,"status":"killed"})"});
  EXPECT_EQ(runner_.processes_alive(), 0u);
}

TEST_F(HeadTest, AStopRacingTheScriptsOwnEndGivesOneFinalStatus) {
  send("script/start", R"({"id": "e", "path": "/scripts/eyes.py"})");
  clock_.advance(2ms + 3s - 1us);
  send("script/stop", R"({"id": "e"})");  // the exit is already due
  clock_.advance(10s);
  const auto messages = published();
  ASSERT_EQ(messages.size(), 2u) << messages.back();
  EXPECT_NE(messages[1].find(R"("status":"stopped")"), std::string::npos) << messages[1];
}

TEST_F(HeadTest, WhatAFinishedScriptLeftRunningIsEndedToo) {
  send("script/start", R"({"id": "d", "path": "/scripts/daemonizer.py"})");
  clock_.advance(2s);
  EXPECT_EQ(published().back(),
            R"(heads/head1/status/script/d {"exit_code":0,"id":"d","status":"finished"})");
  EXPECT_EQ(runner_.processes_alive(), 0u);
  clock_.advance(10s);
  EXPECT_TRUE(published().empty()) << "its status was final";
}

TEST_F(HeadTest, StatusOfOneOfAllAndOfAnUnknownId) {
  send("script/start", R"({"id": "a", "path": "/scripts/forever.py"})");
  send("script/start", R"({"id": "b", "path": "/scripts/failing.py"})");
  clock_.advance(1s + 2ms);
  published();
  send("script/status", "{}");
  EXPECT_EQ(
      published(),
      std::vector<std::string>{
          R"(heads/head1/status/scripts {"a":{"path":"/scripts/forever.py","runtime":1.0,"status":"running"},"b":{"path":"/scripts/failing.py","runtime":0.5,"status":"failed"}})"});
  send("script/status", R"({"id": "b"})");
  send("script/status", R"({"id": "zz"})");
  EXPECT_EQ(
      published(),
      (std::vector<std::string>{
          R"(heads/head1/status/script/b {"id":"b","path":"/scripts/failing.py","runtime":0.5,"status":"failed"})",
          R"(heads/head1/status/script/zz {"id":"zz","status":"not_found"})"}));
}

TEST_F(HeadTest, RefusalsWithNoValidIdGoToTheErrorsTopicAndSpawnNothing) {
  send("script/start", R"({"id": "a+b", "path": "/scripts/eyes.py"})");
  send("script/start", "not json");
  send("script/stop", R"({"id": "nobody"})");
  send("script/reboot", "{}");
  clock_.advance(1s);
  EXPECT_EQ(
      published(),
      (std::vector<std::string>{
          R"(heads/head1/status/errors {"command":"script/start","error":"'id' may hold only letters, digits, '_', '.' and '-', not +"})",
          R"(heads/head1/status/errors {"command":"script/start","error":"the payload is not JSON"})",
          R"(heads/head1/status/errors {"command":"script/stop","error":"no script 'nobody' is running","id":"nobody"})",
          R"(heads/head1/status/errors {"command":"script/reboot","error":"unknown control topic heads/head1/control/script/reboot"})"}));
  EXPECT_EQ(runner_.processes_alive(), 0u);
}

TEST_F(HeadTest, BluetoothConnectedFailedWithBluezsErrorAndDisconnected) {
  send("bluetooth/connect", R"({"address": "00:11:22:33:44:55"})");
  send("bluetooth/connect", R"({"address": "66:77:88:99:aa:bb"})");
  send("bluetooth/connect", R"({"address": "12:34:56:78:9A:BC"})");
  clock_.advance(1s);
  EXPECT_EQ(
      published(),
      (std::vector<std::string>{
          R"(heads/head1/status/bluetooth {"address":"12:34:56:78:9A:BC","error":"org.bluez.Error.DoesNotExist: Device 12:34:56:78:9A:BC not available","status":"failed"})",
          R"(heads/head1/status/bluetooth {"address":"66:77:88:99:AA:BB","error":"org.bluez.Error.Failed: br-connection-page-timeout","status":"failed"})",
          R"(heads/head1/status/bluetooth {"address":"00:11:22:33:44:55","status":"connected"})"}));
  bluetooth_.drop("00:11:22:33:44:55");
  clock_.advance(1s);
  EXPECT_EQ(
      published(),
      std::vector<std::string>{
          R"(heads/head1/status/bluetooth {"address":"00:11:22:33:44:55","status":"disconnected"})"});
}

TEST_F(HeadTest, AConnectWithNoAnswerFailsAfterItsBound) {
  send("bluetooth/connect", R"({"address": "CC:CC:CC:CC:CC:CC"})");
  clock_.advance(30s - 1us);
  EXPECT_TRUE(published().empty());
  clock_.advance(1us);
  EXPECT_EQ(
      published(),
      std::vector<std::string>{
          R"(heads/head1/status/bluetooth {"address":"CC:CC:CC:CC:CC:CC","error":"no answer from the adapter in 30000 ms","status":"failed"})"});
}

TEST_F(HeadTest, ShutdownStopsEveryScriptDisconnectsAndSaysOffline) {
  send("script/start", R"({"id": "a", "path": "/scripts/forever.py"})");
  send("script/start", R"({"id": "s", "path": "/scripts/stubborn.py"})");
  send("bluetooth/connect", R"({"address": "00:11:22:33:44:55"})");
  clock_.advance(1s);
  published();
  bool done = false;
  head_.shut_down([&] { done = true; });
  send("script/start", R"({"id": "late", "path": "/scripts/eyes.py"})");
  clock_.advance(5s - 1us);
  EXPECT_FALSE(done) << "the stubborn one has the whole grace";
  clock_.advance(1us);
  EXPECT_TRUE(done);
  const auto messages = published();
  EXPECT_EQ(
      messages,
      (std::vector<std::string>{
          R"(heads/head1/status/script/late {"error":"the service is shutting down","id":"late","status":"failed"})",
          R"(heads/head1/status/script/a {"id":"a","signal":15,"status":"stopped"})",
          R"(heads/head1/status/bluetooth {"address":"00:11:22:33:44:55","status":"disconnected"})",
          R"(heads/head1/status/script/s {"id":"s","signal":9,"status":"killed"})",
          "heads/head1/availability offline"}));
  EXPECT_EQ(runner_.processes_alive(), 0u);
}

}  // namespace
}  // namespace hil::head

namespace hil::head {
namespace {

// A start refused by its checks is a run that failed: a query afterwards says so, as for any run.
TEST_F(HeadTest, AStartRefusedByItsChecksIsRememberedAsFailed) {
  send("script/start", R"({"id": "v", "path": "-V"})");
  send("script/status", R"({"id": "v"})");
  send("script/status", "{}");
  const auto messages = published();
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[1],
            R"(heads/head1/status/script/v {"id":"v","path":"","runtime":0.0,"status":"failed"})");
  EXPECT_EQ(messages[2],
            R"(heads/head1/status/scripts {"v":{"path":"","runtime":0.0,"status":"failed"}})");
}

}  // namespace
}  // namespace hil::head
