// The merged state: status replies, bare status lines, every event, and lines to ignore.
#include <gtest/gtest.h>

#include "firmware_core/supervisor/host_state.h"
#include "tests/supervisor/host_test_support.h"

namespace hil::supervisor::testing {
namespace {

// A request sent and its reply merged (the id is the client's own).
void request_and_reply(HostRig& rig, const std::string& cmd, const json& fields) {
  rig.client.request(cmd);
  rig.mcu.reply_to(rig.mcu.requests().back(), fields);
}

TEST(SupvClientState, TheSpecsStatusReplyMerges) {
  HostRig rig;
  // {"id":"4","ok":true,"status":{"battery_pct":78,"pack_mv":11750,"mcu_temp_c":36.5}}
  request_and_reply(
      rig, "get_status",
      {{"ok", true}, {"status", {{"battery_pct", 78}, {"pack_mv", 11750}, {"mcu_temp_c", 36.5}}}});
  const SupvState& state = rig.client.state();
  EXPECT_EQ(state.battery_pct, 78);
  EXPECT_EQ(state.pack_mv, 11750);
  ASSERT_TRUE(state.mcu_temp_c);
  EXPECT_NEAR(*state.mcu_temp_c, 36.5, 1e-9);
  EXPECT_EQ(rig.changes.size(), 1u);
}

TEST(SupvClientState, AStatusReplyCarriesItsSwitches) {
  HostRig rig;
  request_and_reply(rig, "get_status", {{"ok", true}, {"status", reference_status()}});
  const SupvState& state = rig.client.state();
  EXPECT_EQ(state.pack_ma, -420);
  EXPECT_EQ(state.unread_ext, 3);
  EXPECT_EQ(state.last_msg_age_s, 40);
  EXPECT_EQ(state.uptime_s, 12);
  EXPECT_EQ(state.heltec, "ok");
  EXPECT_EQ(state.mcu, "proto-0.1");
  EXPECT_EQ(state.switches, (std::map<std::string, bool>{{"bridge_enable", true},
                                                         {"bt", true},
                                                         {"charger_online", true},
                                                         {"lid_open", false},
                                                         {"lte", true},
                                                         {"wifi", false}}));
}

TEST(SupvClientState, GetSwitchesReplyMerges) {
  HostRig rig;
  request_and_reply(rig, "get_switches",
                    {{"ok", true}, {"switch", {{"lte", true}, {"wifi", false}, {"bt", false}}}});
  EXPECT_EQ(rig.client.state().switches,
            (std::map<std::string, bool>{{"bt", false}, {"lte", true}, {"wifi", false}}));
}

TEST(SupvClientState, TheBareStatusShapeWithoutEventMerges) {
  HostRig rig;
  rig.mcu.send({{"battery_pct", 60}, {"pack_mv", 11000}, {"switch", {{"lte", false}}}});
  EXPECT_EQ(rig.client.state().battery_pct, 60);
  EXPECT_EQ(rig.client.state().pack_mv, 11000);
  EXPECT_EQ(rig.client.state().switches.at("lte"), false);
  EXPECT_EQ(rig.changes.size(), 1u);
}

TEST(SupvClientState, TheStatusResponseShapeWithoutIdMerges) {
  HostRig rig;
  rig.mcu.send({{"ok", true}, {"status", {{"battery_pct", 55}, {"switch", {{"wifi", true}}}}}});
  EXPECT_EQ(rig.client.state().battery_pct, 55);
  EXPECT_EQ(rig.client.state().switches.at("wifi"), true);
  EXPECT_EQ(rig.client.stats().unmatched_replies, 0u);
}

TEST(SupvClientState, TelemetryEventMergesEveryField) {
  HostRig rig;
  rig.mcu.send({{"event", "telemetry"},
                {"battery_pct", 77},
                {"pack_mv", 11700},
                {"pack_ma", -380},
                {"mcu_temp_c", 37},
                {"unread_ext", 2},
                {"last_msg_age_s", 9},
                {"uptime_s", 14}});
  const SupvState& state = rig.client.state();
  EXPECT_EQ(state.battery_pct, 77);
  EXPECT_EQ(state.pack_mv, 11700);
  EXPECT_EQ(state.pack_ma, -380);
  EXPECT_EQ(state.mcu_temp_c, 37.0);
  EXPECT_EQ(state.unread_ext, 2);
  EXPECT_EQ(state.last_msg_age_s, 9);
  EXPECT_EQ(state.uptime_s, 14);
}

TEST(SupvClientState, TheSpecsSwitchEventMergesAndKeepsOtherSwitches) {
  HostRig rig;
  rig.mcu.send({{"event", "switch"}, {"switch", reference_switches()}});
  rig.mcu.send_raw(R"({"event":"switch","switch":{"lte":true,"wifi":false,"bt":false}})"
                   "\n");
  const auto& switches = rig.client.state().switches;
  EXPECT_EQ(switches.at("bt"), false);
  EXPECT_EQ(switches.at("charger_online"), true);
  EXPECT_EQ(switches.size(), 6u);
  EXPECT_EQ(rig.changes.size(), 2u);
}

TEST(SupvClientState, HeltecUnreadAndWatchdogEventsMerge) {
  HostRig rig;
  rig.mcu.send({{"event", "heltec"}, {"heltec", "disconnected"}});
  rig.mcu.send({{"event", "unread"}, {"unread_ext", 4}, {"last_msg_age_s", 2}});
  rig.mcu.send({{"event", "watchdog"}, {"state", "tui_started"}, {"uptime_s", 30}});
  const SupvState& state = rig.client.state();
  EXPECT_EQ(state.heltec, "disconnected");
  EXPECT_EQ(state.unread_ext, 4);
  EXPECT_EQ(state.last_msg_age_s, 2);
  EXPECT_EQ(state.watchdog, "tui_started");
  EXPECT_EQ(state.uptime_s, 30);
  EXPECT_EQ(rig.changes.size(), 3u);
}

TEST(SupvClientState, ARepeatedValueIsNoChange) {
  HostRig rig;
  const json telemetry = {{"event", "telemetry"}, {"battery_pct", 78}, {"uptime_s", 2}};
  rig.mcu.send(telemetry);
  rig.mcu.send(telemetry);
  EXPECT_EQ(rig.changes.size(), 1u);
  rig.mcu.send({{"event", "telemetry"}, {"battery_pct", 78}, {"uptime_s", 4}});
  EXPECT_EQ(rig.changes.size(), 2u);
  EXPECT_EQ(rig.changes.back().uptime_s, 4);
}

TEST(SupvClientState, NullBatteryMeansUnknownAgain) {
  HostRig rig;
  rig.mcu.send({{"event", "telemetry"}, {"battery_pct", 50}});
  rig.mcu.send({{"event", "telemetry"}, {"battery_pct", nullptr}});
  EXPECT_FALSE(rig.client.state().battery_pct);
  EXPECT_EQ(rig.changes.size(), 2u);
}

TEST(SupvClientState, WholeFloatsAndZeroOneSwitchesAreAccepted) {
  HostRig rig;
  rig.mcu.send_raw(R"({"event":"telemetry","battery_pct":78.0,"pack_mv":11750.4})"
                   "\n");
  rig.mcu.send_raw(R"({"event":"switch","switch":{"lte":1,"wifi":0}})"
                   "\n");
  EXPECT_EQ(rig.client.state().battery_pct, 78);
  EXPECT_EQ(rig.client.state().pack_mv, 11750);
  EXPECT_EQ(rig.client.state().switches.at("lte"), true);
  EXPECT_EQ(rig.client.state().switches.at("wifi"), false);
}

TEST(SupvClientState, FieldsOfTheWrongTypeAreSkippedAndTheRestMerges) {
  HostRig rig;
  rig.mcu.send({{"event", "telemetry"},
                {"battery_pct", "high"},
                {"pack_mv", 11000},
                {"mcu_temp_c", "warm"},
                {"heltec", 3},
                {"switch", {{"lte", "yes"}, {"bt", true}}}});
  rig.mcu.send({{"event", "telemetry"}, {"battery_pct", 101}});
  rig.mcu.send({{"event", "watchdog"}, {"state", 7}});
  const SupvState& state = rig.client.state();
  EXPECT_FALSE(state.battery_pct);
  EXPECT_FALSE(state.mcu_temp_c);
  EXPECT_FALSE(state.heltec);
  EXPECT_FALSE(state.watchdog);
  EXPECT_EQ(state.pack_mv, 11000);
  EXPECT_EQ(state.switches, (std::map<std::string, bool>{{"bt", true}}));
  EXPECT_EQ(rig.client.stats().skipped_fields, 3u);
  EXPECT_TRUE(
      rig.logged("skipped MCU fields of the wrong type: battery_pct,mcu_temp_c,switch,heltec"));
  EXPECT_TRUE(rig.logged("skipped MCU fields of the wrong type: battery_pct"));
}

TEST(SupvClientState, GarbageIsCountedLoggedAndIgnored) {
  HostRig rig;
  rig.mcu.send_raw("hello\n");
  rig.mcu.send_raw(std::string("\x00\xff\xfe{", 4) + "\n");
  rig.mcu.send_raw("[1,2]\n");
  rig.mcu.send_raw("{\"event\":\"telemetry\",\"battery_pct\":\n");  // cut short
  rig.mcu.send_raw("{\"foo\":1}\n");
  rig.mcu.send_raw("{\"event\":\"reboot\",\"battery_pct\":1}\n");
  rig.mcu.send_raw("{\"event\":5}\n");
  rig.mcu.send_raw("\n\r\n");
  EXPECT_EQ(rig.client.stats().not_json, 4u);
  EXPECT_EQ(rig.client.stats().unknown, 3u);
  EXPECT_TRUE(rig.changes.empty());
  EXPECT_TRUE(rig.logged("ignored a line from the MCU (not JSON): hello"));
  EXPECT_TRUE(rig.logged("(not JSON): \\x00\\xff\\xfe{"));
  EXPECT_TRUE(rig.logged("(unknown event \"reboot\")"));
  EXPECT_TRUE(rig.logged("(no id, event or status field): {\"foo\":1}"));

  rig.mcu.send({{"event", "telemetry"}, {"battery_pct", 70}});
  EXPECT_EQ(rig.client.state().battery_pct, 70);
}

TEST(SupvClientState, AnOverlongLineIsDroppedWholeAndTheNextOneMerges) {
  HostRig rig;
  const std::string padding(600, 'x');
  rig.mcu.send({{"event", "telemetry"}, {"battery_pct", 10}, {"pad", padding}});
  EXPECT_FALSE(rig.client.state().battery_pct);
  EXPECT_EQ(rig.client.stats().overlong, 1u);
  EXPECT_TRUE(rig.logged("dropped 1 line(s) over 512 bytes"));
  rig.mcu.send({{"event", "telemetry"}, {"battery_pct", 11}});
  EXPECT_EQ(rig.client.state().battery_pct, 11);
}

TEST(SupvClientState, LinesArriveInAnyChunksWithCarriageReturns) {
  HostRig rig;
  const std::string bytes =
      "{\"event\":\"telemetry\",\"battery_pct\":42}\r\n{\"event\":\"heltec\",\"heltec\":\"fault\"}"
      "\r\n";
  for (const char c : bytes) rig.mcu.send_raw(std::string_view(&c, 1));
  EXPECT_EQ(rig.client.state().battery_pct, 42);
  EXPECT_EQ(rig.client.state().heltec, "fault");
  EXPECT_EQ(rig.client.stats().lines, 2u);
}

TEST(SupvStateJson, UnknownValuesAreNullInAFixedKeyOrder) {
  EXPECT_EQ(to_json(SupvState{}).dump(),
            R"({"link":"closed","synced":false,"battery_pct":null,"pack_mv":null,"pack_ma":null,)"
            R"("mcu_temp_c":null,"unread_ext":null,"last_msg_age_s":null,"uptime_s":null,)"
            R"("switch":{},"heltec":null,"mcu":null,"watchdog":null})");
}

TEST(SupvStateJson, AKnownStateInFull) {
  HostRig rig;
  rig.mcu.answer_like_the_reference_board();
  rig.open_and_settle();
  rig.mcu.send({{"event", "watchdog"}, {"state", "ok"}, {"uptime_s", 12}});
  EXPECT_EQ(to_json(rig.client.state()).dump(),
            R"({"link":"up","synced":true,"battery_pct":78,"pack_mv":11750,"pack_ma":-420,)"
            R"("mcu_temp_c":36.5,"unread_ext":3,"last_msg_age_s":40,"uptime_s":12,)"
            R"("switch":{"bridge_enable":true,"bt":true,"charger_online":true,"lid_open":false,)"
            R"("lte":true,"wifi":false},"heltec":"ok","mcu":"proto-0.1","watchdog":"ok"})");
}

}  // namespace
}  // namespace hil::supervisor::testing
