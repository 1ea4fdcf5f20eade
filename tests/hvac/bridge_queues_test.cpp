// The two waiting queues: frames held while the broker is unreachable (at most 100) and while a
// blaster is offline (at most 10 per blaster); beyond a limit the oldest goes, with a log line;
// when the cause goes away they are sent in order, spaced as always.
#include <gtest/gtest.h>

#include "hvac_test_support.h"

namespace hil::hvac::testing {
namespace {

std::string name(const char* prefix, int i) { return prefix + std::to_string(i); }

// The device id of each IR send, in order, by the blaster topic (one entity per blaster here) or
// by a lookup table.
std::vector<std::string> blasters_sent_to(const std::vector<PublishedMessage>& messages) {
  std::vector<std::string> out;
  for (const auto& message : ir_sends(messages)) {
    const std::string topic = message.topic;
    out.push_back(topic.substr(12, topic.size() - 12 - 4));  // zigbee2mqtt/<name>/set
  }
  return out;
}

TEST(BridgeQueues, BrokerQueueKeepsTheNewest100AndSendsThemInOrderOnReconnect) {
  std::vector<EntityConfig> entities;
  for (int i = 0; i <= 100; ++i) entities.push_back(entity_on(name("e", i), name("b", i)));
  BridgeRig rig(config_of(entities));
  rig.disconnect();
  rig.take();
  rig.logs();
  for (int i = 0; i <= 100; ++i) rig.command("cool", name("e", i));
  EXPECT_TRUE(rig.take().empty()) << "nothing is published while the broker is away";
  EXPECT_EQ(rig.bridge->queued_frames(), 100u);
  const auto logs = rig.logs();
  EXPECT_TRUE(any_line_has(logs,
                           "broker unreachable: queue full (100 frames), dropped the oldest "
                           "frame: e0 on b0 (power on, mode cool, 24 C, fan auto, swing "
                           "off)"));
  EXPECT_TRUE(any_line_has(logs,
                           "e100: frame queued for b100 (broker unreachable), 1 frame "
                           "waiting"));

  rig.advance_ms(30'000);
  rig.connect();
  const auto messages = rig.take();
  const auto order = blasters_sent_to(messages);
  ASSERT_EQ(order.size(), 100u);
  for (int i = 1; i <= 100; ++i) EXPECT_EQ(order[i - 1], name("b", i));
  EXPECT_EQ(on_topic(messages, "homeassistant/climate/e0/config").size(), 1u)
      << "announcements as on every connect";
  EXPECT_TRUE(
      any_line_has(rig.logs(), "broker reachable: sending 100 frames that waited, in order"));
  EXPECT_EQ(rig.bridge->queued_frames(), 0u);
}

TEST(BridgeQueues, BrokerQueueFlushesOneBlastersFramesSpacedInOrder) {
  BridgeRig rig(config_of({entity_on("a", "ir"), entity_on("b", "ir"), entity_on("c", "ir")}));
  rig.disconnect();
  rig.command("cool", "a");
  rig.command("heat", "b");
  rig.command("dry", "c");
  rig.advance_ms(5000);
  rig.take();
  rig.connect();
  std::vector<PublishedMessage> sends = ir_sends(rig.take());
  rig.advance_ms(3000);
  for (const auto& message : ir_sends(rig.take())) sends.push_back(message);
  ASSERT_EQ(sends.size(), 3u);
  EXPECT_EQ(decoded_climate(sends[0].payload).mode, ir::Mode::kCool);
  EXPECT_EQ(decoded_climate(sends[1].payload).mode, ir::Mode::kHeat);
  EXPECT_EQ(decoded_climate(sends[2].payload).mode, ir::Mode::kDry);
  EXPECT_EQ(sends[0].time_us, 5'000'000);
  EXPECT_EQ(sends[1].time_us, 6'000'000);
  EXPECT_EQ(sends[2].time_us, 7'000'000);
}

TEST(BridgeQueues, AFrameWaitingForSpacingWaitsForTheBrokerToo) {
  BridgeRig rig(config_of({entity_on("a", "ir"), entity_on("b", "ir")}));
  rig.take();
  rig.command("cool", "a");  // sent at 0
  rig.command("heat", "b");  // due at 1000
  rig.advance_ms(500);
  rig.disconnect();
  rig.advance_ms(4500);
  EXPECT_EQ(ir_sends(rig.take()).size(), 1u);
  rig.connect();
  const auto sends = ir_sends(rig.take());
  ASSERT_EQ(sends.size(), 1u);
  EXPECT_EQ(sends[0].time_us, 5'000'000);
  EXPECT_EQ(decoded_climate(sends[0].payload).mode, ir::Mode::kHeat);
}

TEST(BridgeQueues, AFrameHeldByTheRateLimitDuringAnOutageIsSentOnReconnect) {
  BridgeConfig config = config_of({living_room()});
  config.blaster_spacing = core::Micros(0);
  BridgeRig rig(config);
  rig.take();
  for (const char* mode : {"cool", "heat", "dry", "auto"}) rig.command(mode);
  EXPECT_EQ(ir_sends(rig.take()).size(), 3u);
  rig.advance_ms(500);
  rig.disconnect();
  rig.advance_ms(1000);  // the held frame is released into the broker queue
  EXPECT_EQ(rig.bridge->queued_frames(), 1u);
  rig.connect();
  const auto sends = ir_sends(rig.take());
  ASSERT_EQ(sends.size(), 1u);
  EXPECT_EQ(decoded_climate(sends[0].payload).mode, ir::Mode::kAuto);
}

TEST(BridgeQueues, OfflineBlasterKeepsTheNewest10AndSendsThemSpacedInOrder) {
  std::vector<EntityConfig> entities;
  for (int i = 0; i <= 10; ++i) entities.push_back(entity_on(name("e", i), "ir_blaster_01"));
  BridgeRig rig(config_of(entities));
  rig.message(kBlasterAvailabilityTopic, R"({"state":"offline"})");
  rig.take();
  rig.logs();
  for (int i = 0; i <= 10; ++i) {
    rig.command("{\"mode\": \"heat\", \"temperature\": " + std::to_string(16 + i) + "}",
                name("e", i));
  }
  EXPECT_TRUE(ir_sends(rig.take()).empty());
  EXPECT_EQ(rig.bridge->sender().queued(0), 10u);
  EXPECT_TRUE(any_line_has(rig.logs(),
                           "ir_blaster_01 offline: queue full (10 frames), dropped the "
                           "oldest frame: e0 on ir_blaster_01 (power on, mode heat, "
                           "16 C, fan auto, swing off)"));

  rig.advance_ms(2500);
  rig.message(kBlasterAvailabilityTopic, R"({"state":"online"})");
  std::vector<PublishedMessage> sends = ir_sends(rig.take());
  rig.advance_ms(20'000);
  for (const auto& message : ir_sends(rig.take())) sends.push_back(message);
  ASSERT_EQ(sends.size(), 10u);
  for (std::size_t i = 0; i < sends.size(); ++i) {
    EXPECT_EQ(decoded_climate(sends[i].payload).target_c, 17.0 + static_cast<double>(i));
    EXPECT_EQ(sends[i].time_us, 2'500'000 + static_cast<std::int64_t>(i) * 1'000'000);
  }
}

TEST(BridgeQueues, CommandsToAnEntityWhoseFrameWaitsReplaceItAndKeepItsPlace) {
  BridgeRig rig(config_of({entity_on("a", "ir"), entity_on("b", "ir")}));
  rig.message("zigbee2mqtt/ir/availability", "offline");
  rig.command("cool", "a");
  rig.command("cool", "b");
  for (int t = 17; t <= 25; ++t) rig.command("{\"temperature\": " + std::to_string(t) + "}", "a");
  EXPECT_EQ(rig.bridge->queued_frames(), 2u) << "one frame per entity";
  rig.take();
  rig.message("zigbee2mqtt/ir/availability", "online");
  rig.advance_ms(5000);
  const auto sends = ir_sends(rig.take());
  ASSERT_EQ(sends.size(), 2u);
  EXPECT_EQ(decoded_climate(sends[0].payload), climate(true, ir::Mode::kCool, 25))
      << "a first, in its newest state";
  EXPECT_EQ(decoded_climate(sends[1].payload), climate(true, ir::Mode::kCool, 24));
}

TEST(BridgeQueues, BothCausesAtOnceBothLimitsApply) {
  std::vector<EntityConfig> entities;
  for (int i = 0; i < 12; ++i) entities.push_back(entity_on(name("e", i), "ir"));
  BridgeConfig config = config_of(entities);
  config.broker_queue_limit = 5;
  BridgeRig rig(config);
  rig.message("zigbee2mqtt/ir/availability", "offline");
  rig.disconnect();
  for (int i = 0; i < 12; ++i) rig.command("cool", name("e", i));
  EXPECT_EQ(rig.bridge->queued_frames(), 5u);
  rig.connect();
  rig.message("zigbee2mqtt/ir/availability", "online");
  rig.take();
  rig.advance_ms(10'000);
  EXPECT_EQ(rig.bridge->queued_frames(), 0u);
}

}  // namespace
}  // namespace hil::hvac::testing
