// Per-blaster sending: one send in flight at a time, sends spaced, entities sharing a blaster take
// turns, and Zigbee2MQTT's availability holds and releases a blaster's frames.
#include <gtest/gtest.h>

#include "hvac_test_support.h"

namespace hil::hvac::testing {
namespace {

struct Sent {
  std::int64_t time_ms;
  std::string topic;
  ir::DaikinFrame frame;
};

std::vector<Sent> sends_of(const std::vector<PublishedMessage>& messages) {
  std::vector<Sent> out;
  for (const auto& message : ir_sends(messages)) {
    out.push_back(Sent{message.time_us / 1000, message.topic, decode_send(message.payload)});
  }
  return out;
}

// living_room (DAIKIN) and bedroom (DAIKIN312) share ir_blaster_01; kitchen has ir_blaster_02.
BridgeConfig shared_blaster() {
  EntityConfig bedroom = entity_on("bedroom", "ir_blaster_01");
  bedroom.model = ir::DaikinProtocol::kDaikin312;
  return config_of({living_room(), bedroom, entity_on("kitchen", "ir_blaster_02")});
}

TEST(BridgeBlaster, EntitiesSharingABlasterTakeTurnsASecondApart) {
  BridgeRig rig(shared_blaster());
  rig.take();
  rig.logs();
  rig.command("cool");
  rig.command("heat", "bedroom");
  rig.command("dry", "kitchen");
  auto sends = sends_of(rig.take());
  ASSERT_EQ(sends.size(), 2u) << "one per blaster at once";
  EXPECT_EQ(sends[0].topic, kBlasterSetTopic);
  EXPECT_EQ(sends[0].frame.settings.climate.mode, ir::Mode::kCool);
  EXPECT_EQ(sends[1].topic, blaster_set_topic("ir_blaster_02"));
  EXPECT_EQ(sends[1].frame.settings.climate.mode, ir::Mode::kDry);
  EXPECT_TRUE(any_line_has(rig.logs(),
                           "bedroom: frame queued for ir_blaster_01 (ir_blaster_01 "
                           "busy for 1000 ms), 1 frame waiting"));

  rig.advance_ms(999);
  EXPECT_TRUE(sends_of(rig.take()).empty()) << "the first send is still in flight";
  rig.advance_ms(1);
  sends = sends_of(rig.take());
  ASSERT_EQ(sends.size(), 1u);
  EXPECT_EQ(sends[0].time_ms, 1000);
  EXPECT_EQ(sends[0].topic, kBlasterSetTopic);
  EXPECT_EQ(sends[0].frame.protocol, ir::DaikinProtocol::kDaikin312);
  EXPECT_EQ(sends[0].frame.settings.climate.mode, ir::Mode::kHeat);
}

TEST(BridgeBlaster, SpacingIsConfigurable) {
  BridgeConfig config = shared_blaster();
  config.blaster_spacing = std::chrono::milliseconds(1500);
  BridgeRig rig(config);
  rig.take();
  rig.command("cool");
  rig.command("heat", "bedroom");
  rig.advance_ms(1499);
  EXPECT_EQ(sends_of(rig.take()).size(), 1u);
  rig.advance_ms(1);
  const auto sends = sends_of(rig.take());
  ASSERT_EQ(sends.size(), 1u);
  EXPECT_EQ(sends[0].time_ms, 1500);
}

TEST(BridgeBlaster, NeverTwoSendsInFlightAndEachEntityEndsInItsLastState) {
  BridgeRig rig(shared_blaster());
  rig.take();
  std::vector<Sent> sends;
  const char* modes[] = {"cool", "heat", "dry", "fan_only", "auto"};
  for (int i = 0; i < 40; ++i) {  // both entities, a command every 150 ms
    rig.command(std::string("{\"mode\": \"") + modes[i % 5] +
                    "\", \"temperature\": " + std::to_string(16 + i % 10) + "}",
                i % 3 == 0 ? "bedroom" : "living_room");
    rig.advance_ms(150);
    for (auto& sent : sends_of(rig.take())) sends.push_back(std::move(sent));
  }
  rig.advance_ms(10'000);
  for (auto& sent : sends_of(rig.take())) sends.push_back(std::move(sent));
  ASSERT_GT(sends.size(), 2u);
  for (std::size_t i = 1; i < sends.size(); ++i) {
    EXPECT_GE(sends[i].time_ms - sends[i - 1].time_ms, 1000) << "send " << i;
  }
  const auto last_of = [&sends](ir::DaikinProtocol protocol) {
    ir::ClimateState last;
    for (const auto& sent : sends) {
      if (sent.frame.protocol == protocol) last = sent.frame.settings.climate;
    }
    return last;
  };
  EXPECT_EQ(last_of(ir::DaikinProtocol::kDaikin), rig.bridge->report("living_room")->state);
  EXPECT_EQ(last_of(ir::DaikinProtocol::kDaikin312), rig.bridge->report("bedroom")->state);
}

TEST(BridgeBlaster, OfflineBlasterHoldsFramesUntilItIsOnlineAgain) {
  BridgeRig rig;
  rig.take();
  rig.logs();
  rig.message(kBlasterAvailabilityTopic, R"({"state":"offline"})", /*retained=*/true);
  EXPECT_FALSE(rig.bridge->sender().online(0));
  EXPECT_EQ(rig.logs(), std::vector<std::string>{
                            "ir_blaster_01 is offline: its IR frames wait (at most 10 frames)"});
  rig.command(R"({"mode": "cool", "temperature": 19})");
  auto messages = rig.take();
  EXPECT_TRUE(ir_sends(messages).empty());
  EXPECT_EQ(on_topic(messages, kStateTopic).size(), 1u) << "HA sees the desired state at once";
  EXPECT_TRUE(any_line_has(rig.logs(),
                           "living_room: frame queued for ir_blaster_01 "
                           "(ir_blaster_01 offline), 1 frame waiting"));
  rig.advance_ms(60'000);
  EXPECT_TRUE(rig.take().empty());

  rig.message(kBlasterAvailabilityTopic, R"({"state":"online"})");
  const auto sends = sends_of(rig.take());
  ASSERT_EQ(sends.size(), 1u);
  EXPECT_EQ(sends[0].frame.settings.climate, climate(true, ir::Mode::kCool, 19));
  EXPECT_TRUE(any_line_has(rig.logs(), "ir_blaster_01 is online: sending 1 frame that waited"));
}

TEST(BridgeBlaster, LegacyPlainAvailabilityPayloads) {
  BridgeRig rig;
  rig.message(kBlasterAvailabilityTopic, "offline");
  EXPECT_FALSE(rig.bridge->sender().online(0));
  rig.message(kBlasterAvailabilityTopic, "online");
  EXPECT_TRUE(rig.bridge->sender().online(0));
}

TEST(BridgeBlaster, UnreadableAvailabilityIsLoggedAndChangesNothing) {
  BridgeRig rig;
  rig.logs();
  rig.message(kBlasterAvailabilityTopic, R"({"state":"sleepy"})");
  EXPECT_TRUE(rig.bridge->sender().online(0));
  EXPECT_EQ(rig.logs(), std::vector<std::string>{
                            "ir_blaster_01: ignored availability: not an availability payload: "
                            "\"{\"state\":\"sleepy\"}\""});
}

TEST(BridgeBlaster, ComingBackOnlineStillWaitsForTheSendInFlight) {
  BridgeRig rig(shared_blaster());
  rig.take();
  rig.command("cool");  // sent at 0
  rig.advance_ms(100);
  rig.message(kBlasterAvailabilityTopic, "offline");
  rig.command("heat", "bedroom");
  rig.advance_ms(100);
  rig.message(kBlasterAvailabilityTopic, "online");
  rig.take();
  rig.advance_ms(799);
  EXPECT_TRUE(sends_of(rig.take()).empty());
  rig.advance_ms(1);
  const auto sends = sends_of(rig.take());
  ASSERT_EQ(sends.size(), 1u);
  EXPECT_EQ(sends[0].time_ms, 1000);
}

TEST(BridgeBlaster, OtherBlastersKeepSendingWhileOneIsOffline) {
  BridgeRig rig(shared_blaster());
  rig.take();
  rig.message(kBlasterAvailabilityTopic, "offline");
  rig.command("cool");
  rig.command("cool", "kitchen");
  const auto sends = sends_of(rig.take());
  ASSERT_EQ(sends.size(), 1u);
  EXPECT_EQ(sends[0].topic, blaster_set_topic("ir_blaster_02"));
}

}  // namespace
}  // namespace hil::hvac::testing
