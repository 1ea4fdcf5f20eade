// Telemetry: every 2000 ms on the dot, at once when a value changes (mcu_telemetry_policy.h), and
// never because clocks tick.
#include "firmware_core/supervisor/mcu_telemetry_policy.h"
#include "tests/supervisor/mcu_test_support.h"

namespace hil::supervisor::mcu_test {
namespace {

// The telemetry events sent during `span`, with the virtual time each was sent at.
std::vector<std::pair<std::int64_t, json>> telemetry_during(McuRig& rig, core::Micros span) {
  rig.board.lines.clear();
  rig.advance(span);
  std::vector<std::pair<std::int64_t, json>> out;
  for (const FakeBoard::Line& line : rig.board.lines) {
    json doc = json::parse(line.text);
    if (doc.value("event", "") == "telemetry")
      out.emplace_back(core::to_ms(line.at), std::move(doc));
  }
  rig.board.lines.clear();
  return out;
}

TEST(McuTelemetry, EveryTwoSecondsFromBootWithTheReferenceValues) {
  McuRig rig;
  rig.booted();
  const auto sent = telemetry_during(rig, 10s);
  ASSERT_EQ(sent.size(), 5u);
  for (std::size_t i = 0; i < sent.size(); ++i)
    EXPECT_EQ(sent[i].first, 2000 * static_cast<std::int64_t>(i + 1));
  EXPECT_EQ(
      sent[0].second.dump(),
      R"({"battery_pct":78,"event":"telemetry","last_msg_age_s":2,"mcu_temp_c":36.5,"pack_ma":-420,)"
      R"("pack_mv":11750,"unread_ext":0,"uptime_s":2})");
  EXPECT_EQ(sent[4].second["uptime_s"], 10);
}

TEST(McuTelemetry, TheEventStartsWithItsNameAndKeepsTheSpecsOrder) {
  McuRig rig;
  rig.booted();
  rig.advance(2s);
  const std::vector<std::string> lines = rig.take();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(
      lines[0],
      R"({"event":"telemetry","battery_pct":78,"pack_mv":11750,"pack_ma":-420,"mcu_temp_c":36.5,)"
      R"("unread_ext":0,"last_msg_age_s":2,"uptime_s":2})");
}

TEST(McuTelemetry, QuietValuesGiveNothingButThePeriodicEvents) {
  McuRig rig;
  rig.booted();
  EXPECT_EQ(telemetry_during(rig, 10min).size(), 300u);  // uptime and age tick: no extra events
}

TEST(McuTelemetry, ABatteryPercentChangeIsSentAtTheNextRead) {
  McuRig rig;
  rig.booted();
  rig.advance(2100ms);
  rig.board.battery.pct = 77;
  const auto sent = telemetry_during(rig, 1s);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].first, 2250);  // the next 250 ms read, not the next period (4000)
  EXPECT_EQ(sent[0].second["battery_pct"], 77);
}

TEST(McuTelemetry, SmallAdcWanderIsNotAChangeButAChargerStepIs) {
  McuRig rig;
  rig.booted();
  rig.advance(2100ms);
  rig.board.battery.pack_mv = 11790;  // +40 mV
  rig.board.battery.pack_ma = -350;   // +70 mA
  rig.board.mcu_temp_c = 37.2;        // +0.7 C
  EXPECT_TRUE(telemetry_during(rig, 1s).empty());
  rig.board.battery.pack_ma = 1080;  // charger unplugged
  const auto sent = telemetry_during(rig, 1s);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].first, 3250);  // the read after the step, then the period at 4000
  EXPECT_EQ(sent[0].second["pack_ma"], 1080);
}

TEST(McuTelemetry, AMeshMessageIsSentAtOnce) {
  McuRig rig;
  rig.booted();
  rig.advance(5300ms);
  rig.take();
  rig.mcu.on_mesh_message();
  const auto lines = rig.events(rig.take(), "telemetry");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["unread_ext"], 1);
  EXPECT_EQ(lines[0]["last_msg_age_s"], 0);
  EXPECT_EQ(lines[0]["uptime_s"], 5);
}

TEST(McuTelemetry, ABurstOfMessagesIsSpacedByTheMinimumGap) {
  McuRig rig;
  rig.booted();
  rig.advance(5010ms);
  rig.take();
  for (int i = 0; i < 20; ++i) {
    rig.mcu.on_mesh_message();
    rig.advance(10ms);
  }
  EXPECT_EQ(rig.events(rig.take(), "telemetry").size(), 1u);  // the first message, at once (5010)
  // The other 19 are seen by the read at 5500 (the one at 5250 is within the gap), then the period.
  const auto sent = telemetry_during(rig, 1s);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].first, 5500);
  EXPECT_EQ(sent[0].second["unread_ext"], 20);
  EXPECT_EQ(sent[1].first, 6000);
}

TEST(McuTelemetry, AChangeBetweenPeriodsDoesNotMoveThePeriod) {
  McuRig rig;
  rig.booted();
  rig.advance(1500ms);
  rig.mcu.on_mesh_message();
  const auto sent = telemetry_during(rig, 4600ms);
  std::vector<std::int64_t> times;
  for (const auto& [ms, doc] : sent) times.push_back(ms);
  EXPECT_EQ(times, (std::vector<std::int64_t>{2000, 4000, 6000}));
}

TEST(McuTelemetry, BatteryAndTemperatureAreReadEvery250Ms) {
  McuRig rig;
  rig.booted();
  const int before = rig.board.battery_reads;
  rig.advance(1s);
  EXPECT_EQ(rig.board.battery_reads - before, 4);
}

TEST(McuTelemetryPolicy, WhatCountsAsNews) {
  Telemetry sent;
  sent.battery_pct = 50;
  sent.pack_mv = 11000;
  sent.pack_ma = 500;
  sent.mcu_temp_c = 30.0;
  sent.unread_ext = 2;
  sent.last_msg_age_s = 40;
  sent.uptime_s = 100;
  Telemetry now = sent;
  now.uptime_s = 5000;
  now.last_msg_age_s = 4940;
  EXPECT_FALSE(is_news(sent, now));
  auto changed = [&](auto mutate) {
    Telemetry t = sent;
    mutate(t);
    return is_news(sent, t);
  };
  EXPECT_TRUE(changed([](Telemetry& t) { t.battery_pct = 49; }));
  EXPECT_TRUE(changed([](Telemetry& t) { t.battery_pct.reset(); }));
  EXPECT_TRUE(changed([](Telemetry& t) { t.unread_ext = 3; }));
  EXPECT_TRUE(changed([](Telemetry& t) { t.last_msg_age_s = 0; }));
  EXPECT_FALSE(changed([](Telemetry& t) { t.pack_mv = 11049; }));
  EXPECT_TRUE(changed([](Telemetry& t) { t.pack_mv = 10950; }));
  EXPECT_FALSE(changed([](Telemetry& t) { t.pack_ma = 401; }));
  EXPECT_TRUE(changed([](Telemetry& t) { t.pack_ma = 400; }));
  EXPECT_FALSE(changed([](Telemetry& t) { t.mcu_temp_c = 30.9; }));
  EXPECT_TRUE(changed([](Telemetry& t) { t.mcu_temp_c = 31.0; }));
}

}  // namespace
}  // namespace hil::supervisor::mcu_test
