// The per-entity rate limit through the bridge: three frames at once, then one per second; what
// comes beyond merges into the newest state, which is sent when the limit allows. Nothing is lost
// and HA sees every change at once.
#include <gtest/gtest.h>

#include "hvac_test_support.h"

namespace hil::hvac::testing {
namespace {

// No blaster spacing, so only the rate limit shapes the frames.
BridgeConfig unspaced(std::vector<EntityConfig> entities = {living_room()}) {
  BridgeConfig config = config_of(std::move(entities));
  config.blaster_spacing = core::Micros(0);
  return config;
}

struct Sent {
  std::int64_t time_ms;
  ir::ClimateState climate;
};

std::vector<Sent> sends_of(const std::vector<PublishedMessage>& messages,
                           std::string_view topic = kBlasterSetTopic) {
  std::vector<Sent> out;
  for (const auto& message : on_topic(messages, topic)) {
    out.push_back(Sent{message.time_us / 1000, decoded_climate(message.payload)});
  }
  return out;
}

TEST(BridgeRateLimit, ThreeAtOnceThenTheRestMergeIntoOneFrameASecondLater) {
  BridgeRig rig(unspaced());
  rig.take();
  rig.logs();
  rig.command(R"({"mode": "cool"})");
  rig.command(R"({"temperature": 20})");
  rig.command(R"({"fan_mode": "2"})");
  rig.command(R"({"swing_mode": "vertical"})");
  rig.command(R"({"temperature": 18})");

  auto messages = rig.take();
  const auto immediate = sends_of(messages);
  ASSERT_EQ(immediate.size(), 3u);
  EXPECT_EQ(immediate[2].climate, climate(true, ir::Mode::kCool, 20, ir::FanSpeed::k2));
  const auto states = on_topic(messages, kStateTopic);
  ASSERT_EQ(states.size(), 5u) << "HA sees every command at once";
  EXPECT_EQ(json::parse(states[4].payload),
            json::parse(R"({"mode": "cool", "temperature": 18, "fan_mode": "2",
                            "swing_mode": "vertical", "action": "cooling"})"));
  EXPECT_TRUE(any_line_has(rig.logs(), "living_room: rate limit: command held for 1000 ms"));

  rig.advance_ms(999);
  EXPECT_TRUE(rig.take().empty());
  rig.advance_ms(1);
  const auto merged = sends_of(rig.take());
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].time_ms, 1000);
  EXPECT_EQ(merged[0].climate,
            climate(true, ir::Mode::kCool, 18, ir::FanSpeed::k2, ir::Swing::kVertical))
      << "the newest state, with both held commands in it";
  const auto logs = rig.logs();
  ASSERT_EQ(logs.size(), 2u);
  EXPECT_EQ(logs[0], "living_room: rate limit: merged 2 commands into one frame");
  EXPECT_EQ(logs[1].rfind("living_room: sent DAIKIN frame, 35 bytes, ", 0), 0u) << logs[1];
}

TEST(BridgeRateLimit, AfterTheBurstOnePerSecond) {
  BridgeRig rig(unspaced());
  rig.take();
  for (int i = 0; i < 3; ++i) rig.command("cool");
  EXPECT_EQ(sends_of(rig.take()).size(), 3u);
  rig.advance_ms(1200);
  rig.command(R"({"temperature": 25})");
  EXPECT_EQ(sends_of(rig.take()).size(), 1u) << "one token came back at 1 s";
  rig.advance_ms(100);  // t = 1300: 0.3 of a token left, held until 2000
  rig.command(R"({"temperature": 26})");
  rig.advance_ms(200);
  rig.command(R"({"temperature": 27})");
  EXPECT_TRUE(sends_of(rig.take()).empty());
  rig.advance_ms(1000);
  const auto sends = sends_of(rig.take());
  ASSERT_EQ(sends.size(), 1u);
  EXPECT_EQ(sends[0].time_ms, 2000);
  EXPECT_EQ(sends[0].climate.target_c, 27);
}

TEST(BridgeRateLimit, SustainedCommandsLoseNothing) {
  BridgeRig rig(unspaced());
  rig.take();
  std::vector<Sent> sends;
  for (int i = 0; i < 50; ++i) {  // one command every 100 ms for 5 s
    rig.command("{\"temperature\": " + std::to_string(16 + i % 17) + "}");
    rig.advance_ms(100);
    for (const auto& sent : sends_of(rig.take())) sends.push_back(sent);
  }
  rig.advance_ms(5000);
  for (const auto& sent : sends_of(rig.take())) sends.push_back(sent);
  ASSERT_FALSE(sends.empty());
  EXPECT_LE(sends.size(), 3u + 5u + 1u) << "3 at once, then at most one per second";
  EXPECT_EQ(sends.back().climate.target_c, 16 + 49 % 17) << "the last command reached the unit";
  EXPECT_EQ(sends.back().climate, rig.bridge->report("living_room")->state);
  for (std::size_t i = 3; i < sends.size(); ++i) {
    EXPECT_GE(sends[i].time_ms - sends[i - 3].time_ms, 1000)
        << "never more than three frames within a second";
  }
}

TEST(BridgeRateLimit, EachEntityHasItsOwnBucket) {
  BridgeRig rig(unspaced({living_room(), entity_on("bedroom", "ir_blaster_02")}));
  rig.take();
  for (int i = 0; i < 4; ++i) rig.command("heat");
  for (int i = 0; i < 3; ++i) rig.command("heat", "bedroom");
  const auto messages = rig.take();
  EXPECT_EQ(sends_of(messages).size(), 3u);
  EXPECT_EQ(sends_of(messages, blaster_set_topic("ir_blaster_02")).size(), 3u);
}

TEST(BridgeRateLimit, BadCommandsTakeNoToken) {
  BridgeRig rig(unspaced());
  rig.take();
  for (int i = 0; i < 10; ++i) rig.command("{\"temperature\": 99}");
  for (int i = 0; i < 3; ++i) rig.command("cool");
  EXPECT_EQ(sends_of(rig.take()).size(), 3u);
}

TEST(BridgeRateLimit, WithSpacingAWaitingFrameIsReplacedAndTakesNoToken) {
  BridgeRig rig;  // default spacing: one send per second per blaster
  rig.take();
  rig.logs();
  rig.command(R"({"mode": "cool"})");        // sent at 0
  rig.command(R"({"temperature": 20})");     // waits for the blaster
  rig.command(R"({"fan_mode": "3"})");       // replaces the waiting frame
  rig.command(R"({"swing_mode": "both"})");  // and again
  EXPECT_EQ(sends_of(rig.take()).size(), 1u);
  EXPECT_TRUE(any_line_has(rig.logs(),
                           "living_room: newer state replaces the frame waiting for "
                           "ir_blaster_01"));
  rig.advance_ms(1000);
  const auto sends = sends_of(rig.take());
  ASSERT_EQ(sends.size(), 1u);
  EXPECT_EQ(sends[0].time_ms, 1000);
  EXPECT_EQ(sends[0].climate,
            climate(true, ir::Mode::kCool, 20, ir::FanSpeed::k3, ir::Swing::kBoth));
  rig.advance_ms(10'000);
  EXPECT_TRUE(rig.take().empty()) << "two frames in all";
}

}  // namespace
}  // namespace hil::hvac::testing
