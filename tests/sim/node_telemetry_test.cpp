// Covers the node's telemetry through the rig: status rates, change-driven publishes, suppression,
// will, config.
#include "node_test_support.h"

namespace hil::sim::testing {
namespace {

std::vector<PublishedMessage> status_messages(VirtualStepperRig& rig) {
  return on_topic(rig.take_published(), rig.node_id(), "status");
}

TEST_F(NodeTest, IdleFullyRestedNodePublishesNothingNew) {
  rig.advance_ms(10000);
  EXPECT_TRUE(rig.take_published().empty());
}

TEST_F(NodeTest, StatusIsPublishedAtOnceOnAChange) {
  const std::int64_t now_us = rig.now_ms() * 1000;
  rig.serial("WAKE:0");
  const auto messages = status_messages(rig);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].time_us, now_us);
  EXPECT_EQ(json::parse(messages[0].payload)["motors"]["0"]["awake"], true);
}

TEST_F(NodeTest, StatusIsPublishedAt5HzWhileMoving) {
  rig.serial("MOVE:0,1200,100");  // 12 s
  rig.take_published();
  rig.advance_ms(3000);
  const auto messages = status_messages(rig);
  ASSERT_GE(messages.size(), 14u);
  ASSERT_LE(messages.size(), 16u);
  for (std::size_t i = 1; i < messages.size(); ++i) {
    EXPECT_EQ(messages[i].time_us - messages[i - 1].time_us, 200000) << i;
    EXPECT_EQ(json::parse(messages[i].payload)["motors"]["0"]["moving"], true);
  }
}

TEST_F(NodeTest, StatusIsPublishedAt1HzIdleWhileTheBudgetRefills) {
  rig.serial("MOVE:0,1200,100");
  rig.advance_ms(14000);  // the move ends after ~12 s; the budget refills from 78 s
  rig.take_published();
  rig.advance_ms(5000);
  const auto messages = status_messages(rig);
  ASSERT_EQ(messages.size(), 5u);
  for (std::size_t i = 1; i < messages.size(); ++i) {
    EXPECT_EQ(messages[i].time_us - messages[i - 1].time_us, 1000000) << i;
    const double before = json::parse(messages[i - 1].payload)["motors"]["0"]["budget_s"];
    const double after = json::parse(messages[i].payload)["motors"]["0"]["budget_s"];
    EXPECT_NEAR(after - before, 1.5, 1e-9);
  }
  rig.advance_ms(20000);  // full again
  rig.take_published();
  rig.advance_ms(5000);
  EXPECT_TRUE(status_messages(rig).empty()) << "identical payloads are suppressed";
}

TEST_F(NodeTest, TheStatusSnapshotEqualsThePublishedPayloadInEveryState) {
  // to_json() builds the value directly; it must say exactly what to_payload() publishes.
  rig.serial("SET THERMAL_LIMITING=OFF");
  rig.serial("WAKE:2");
  rig.serial("MOVE:0,1200");
  for (int step = 0; step < 20; ++step) {
    rig.advance_ms(step < 10 ? 70 : 60000);  // mid-move, then budgets below zero
    const stepper::StatusSample sample = rig.board().node().sample_status();
    EXPECT_EQ(sample.to_json(), json::parse(sample.to_payload())) << sample.to_payload();
  }
}

TEST_F(NodeTest, StatusPayloadShape) {
  rig.serial("MOVE:0,100");
  rig.advance_ms(1000);
  rig.take_published();
  rig.serial("WAKE:1");
  const auto messages = status_messages(rig);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].qos, 0);
  EXPECT_FALSE(messages[0].retain);
  const std::string& raw = messages[0].payload;
  const json status = json::parse(raw);
  EXPECT_EQ(status["node_state"], "ready");
  EXPECT_EQ(status["ip"], "192.168.1.50");
  ASSERT_EQ(status["motors"].size(), 8u);
  const json& m0 = status["motors"]["0"];
  for (const char* key : {"moving", "awake", "homed"}) EXPECT_TRUE(m0[key].is_boolean()) << key;
  for (const char* key : {"id", "position", "steps_since_home", "speed", "accel", "est_ms",
                          "started_ms", "actual_ms"}) {
    EXPECT_TRUE(m0[key].is_number_integer()) << key;
  }
  EXPECT_EQ(m0["position"], 100);
  EXPECT_EQ(m0["actual_ms"], 158) << "2 * sqrt(100 / 16000) s, in whole ms";
  EXPECT_EQ(status["motors"]["2"]["actual_ms"], 0)
      << "no operation yet: over from boot on, one payload shape";
  EXPECT_EQ(status["motors"]["1"]["awake"], true);
  EXPECT_NE(raw.find(R"("budget_s":90.0)"), std::string::npos) << raw;
  EXPECT_NE(raw.find(R"("ttfc_s":0.0)"), std::string::npos) << raw;
}

TEST_F(NodeTest, LastWillIsOfflineOnTheStatusTopic) {
  const auto& will = rig.mqtt_link().will();
  EXPECT_EQ(will.topic, "devices/24a1601b2c3d/status");
  EXPECT_EQ(json::parse(will.payload), json::parse(R"({"node_state":"offline","motors":{}})"));
  EXPECT_FALSE(will.retain);
}

TEST(Telemetry, RetainedConfigAndStatusArePublishedOnConnect) {
  SettledRig settled;
  const auto config = on_topic(settled.boot_published, settled.rig.node_id(), "config");
  ASSERT_EQ(config.size(), 1u);
  EXPECT_TRUE(config[0].retain);
  EXPECT_EQ(config[0].qos, 1);
  EXPECT_EQ(json::parse(config[0].payload),
            json::parse(
                R"({"thermal_limiting":true,"max_budget_s":90,"microstep":"FULL","microstep_mult":1,
                            "speed":4000,"accel":16000,"decel":0})"));
  EXPECT_FALSE(on_topic(settled.boot_published, settled.rig.node_id(), "status").empty());
}

TEST_F(NodeTest, ReconnectRepublishesConfigAndStatus) {
  rig.set_mqtt_connected(false);
  rig.set_mqtt_connected(true);
  const auto messages = rig.take_published();
  EXPECT_EQ(on_topic(messages, rig.node_id(), "config").size(), 1u);
  EXPECT_EQ(on_topic(messages, rig.node_id(), "status").size(), 1u)
      << "forced even though nothing changed";
}

TEST_F(NodeTest, RetainedConfigIsRepublishedAfterSet) {
  rig.serial("SET SPEED=5000 MICROSTEP=1/16 THERMAL_LIMITING=OFF");
  const auto config = on_topic(rig.take_published(), rig.node_id(), "config");
  ASSERT_EQ(config.size(), 1u);
  EXPECT_TRUE(config[0].retain);
  const json payload = json::parse(config[0].payload);
  EXPECT_EQ(payload["speed"], 5000);
  EXPECT_EQ(payload["microstep"], "1/16");
  EXPECT_EQ(payload["microstep_mult"], 16);
  EXPECT_EQ(payload["thermal_limiting"], false);
}

TEST_F(NodeTest, NothingIsPublishedOnStatusOrConfigWhileDisconnected) {
  rig.set_mqtt_connected(false);
  rig.take_published();
  rig.serial("MOVE:0,1200");
  rig.serial("SET ACCEL=8000");
  rig.advance_ms(5000);
  const auto messages = rig.take_published();
  EXPECT_TRUE(on_topic(messages, rig.node_id(), "status").empty());
  EXPECT_TRUE(on_topic(messages, rig.node_id(), "config").empty());
}

}  // namespace
}  // namespace hil::sim::testing
