// The boot timeline and re-synchronization: get_status and get_switches when the UART opens (and
// again after it comes back or the MCU is heard after a silence), clear_unread once the mesh is
// live.
#include <gtest/gtest.h>

#include "tests/supervisor/host_test_support.h"

namespace hil::supervisor::testing {
namespace {

using Commands = std::vector<std::string>;

TEST(SupvClientSync, OpeningTheUartSendsGetStatusThenGetSwitchesAtOnce) {
  HostRig rig;
  rig.mcu.answer_like_the_reference_board();
  rig.client.on_link_opened();
  EXPECT_EQ(rig.mcu.commands(), (Commands{"get_status", "get_switches"}));
  EXPECT_EQ(rig.client.state().link, LinkState::kSyncing);
  rig.scheduler.advance(100ms);
  EXPECT_EQ(rig.client.state().link, LinkState::kUp);
  EXPECT_TRUE(rig.client.state().synced);
  EXPECT_EQ(rig.client.state().battery_pct, 78);
  EXPECT_EQ(rig.mcu.commands(), (Commands{"get_status", "get_switches"}));  // mesh not live yet
}

TEST(SupvClientSync, TheBootTimelineEndsWithClearUnreadOnceTheMeshIsLive) {
  HostRig rig;
  rig.mcu.answer_like_the_reference_board();
  rig.open_and_settle();
  EXPECT_EQ(rig.client.state().unread_ext, 3);
  rig.client.set_mesh_subscribed(true);
  EXPECT_EQ(rig.mcu.commands(), (Commands{"get_status", "get_switches", "clear_unread"}));
  rig.scheduler.advance(100ms);
  EXPECT_EQ(rig.client.state().unread_ext, 0);  // the ack zeroes the count
  rig.client.set_mesh_subscribed(true);         // already live: nothing more
  EXPECT_EQ(rig.mcu.commands().size(), 3u);
}

TEST(SupvClientSync, AMeshLiveBeforeTheSyncWaitsForBothReplies) {
  HostRig rig;
  rig.mcu.answer_like_the_reference_board();
  rig.client.set_mesh_subscribed(true);
  EXPECT_TRUE(rig.mcu.commands().empty());  // the UART is not open
  rig.mcu.silence("get_switches");
  rig.client.on_link_opened();
  rig.scheduler.advance(500ms);  // get_status answered, get_switches not yet
  EXPECT_EQ(rig.mcu.commands(), (Commands{"get_status", "get_switches"}));
  rig.mcu.reply_to(rig.mcu.requests()[1], {{"ok", true}, {"switch", reference_switches()}});
  EXPECT_EQ(rig.mcu.commands(), (Commands{"get_status", "get_switches", "clear_unread"}));
}

TEST(SupvClientSync, ASyncWithNoReplyEndsUnsyncedAndSaysWhy) {
  HostRig rig;
  rig.client.on_link_opened();
  rig.scheduler.advance(3s);
  EXPECT_EQ(rig.client.state().link, LinkState::kUp);
  EXPECT_FALSE(rig.client.state().synced);
  EXPECT_TRUE(
      rig.logged("sync: get_status failed: no reply to get_status after 3 attempts of 1000 ms"));
  EXPECT_TRUE(rig.logged("sync: get_switches failed"));
}

TEST(SupvClientSync, AReconnectResyncsInOrderAndKeepsTheState) {
  HostRig rig;
  rig.mcu.answer_like_the_reference_board();
  rig.client.set_mesh_subscribed(true);
  rig.open_and_settle();
  rig.mcu.send({{"event", "switch"}, {"switch", {{"lte", false}}}});
  rig.mcu.clear();

  rig.client.on_link_closed();
  EXPECT_EQ(rig.client.state().link, LinkState::kClosed);
  EXPECT_FALSE(rig.client.state().synced);
  EXPECT_EQ(rig.client.state().battery_pct, 78);  // the last known state stays
  EXPECT_EQ(rig.client.state().switches.at("lte"), false);
  rig.scheduler.advance(30s);
  EXPECT_TRUE(rig.mcu.commands().empty());
  EXPECT_EQ(rig.client.state().link, LinkState::kClosed);  // closed is not quiet

  rig.client.on_link_opened();
  EXPECT_EQ(rig.client.state().link, LinkState::kSyncing);
  EXPECT_EQ(rig.client.state().switches.at("lte"), false);
  rig.scheduler.advance(100ms);
  EXPECT_EQ(rig.mcu.commands(), (Commands{"get_status", "get_switches", "clear_unread"}));
  EXPECT_EQ(rig.client.state().switches.at("lte"), true);  // what the MCU says now
  EXPECT_TRUE(rig.client.state().synced);

  std::vector<LinkState> links;
  for (const SupvState& state : rig.changes) {
    if (links.empty() || links.back() != state.link) links.push_back(state.link);
  }
  EXPECT_EQ(links, (std::vector<LinkState>{LinkState::kSyncing, LinkState::kUp, LinkState::kClosed,
                                           LinkState::kSyncing, LinkState::kUp}));
}

TEST(SupvClientSync, AHalfLineCutByTheLinkClosingIsDroppedAndSaid) {
  HostRig rig;
  rig.mcu.answer_like_the_reference_board();
  rig.open_and_settle();
  rig.client.on_bytes(R"({"event":"switch","switch":{"lte":fa)");
  rig.client.on_link_closed();
  EXPECT_TRUE(rig.logged("UART closed mid-line: the unfinished line is dropped"));
  rig.client.on_link_opened();
  rig.scheduler.advance(100ms);
  EXPECT_TRUE(rig.client.state().synced);  // the first line after the reopen is read whole
  EXPECT_EQ(rig.client.state().switches.at("lte"), true);
  EXPECT_FALSE(rig.logged("not JSON"));
}

TEST(SupvClientSync, IdsKeepCountingAcrossReconnects) {
  HostRig rig;
  rig.mcu.answer_like_the_reference_board();
  rig.open_and_settle();
  rig.client.on_link_closed();
  rig.client.on_link_opened();
  std::vector<std::string> ids;
  for (const json& request : rig.mcu.requests()) ids.push_back(request["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"1", "2", "3", "4"}));
}

TEST(SupvClientSync, ClosingDuringASyncDropsItQuietly) {
  HostRig rig;
  rig.client.on_link_opened();
  rig.client.on_link_closed();
  EXPECT_EQ(rig.client.pending_requests(), 0u);
  rig.scheduler.advance(10s);
  EXPECT_EQ(rig.mcu.commands(), (Commands{"get_status", "get_switches"}));
  EXPECT_FALSE(rig.logged("sync:"));
  EXPECT_EQ(rig.client.stats().failed_requests, 0u);
}

TEST(SupvClientSync, TelemetryEveryTwoSecondsKeepsTheLinkUp) {
  HostRig rig;
  rig.mcu.answer_like_the_reference_board();
  rig.open_and_settle();
  for (int i = 0; i < 30; ++i) {
    rig.scheduler.advance(2s);
    rig.mcu.send({{"event", "telemetry"}, {"uptime_s", 14 + 2 * i}});
    ASSERT_EQ(rig.client.state().link, LinkState::kUp) << i;
  }
  EXPECT_EQ(rig.mcu.commands().size(), 2u);
}

TEST(SupvClientSync, AQuietLinkIsNoticedAndHearingTheMcuAgainResyncs) {
  HostRig rig;
  rig.mcu.answer_like_the_reference_board();
  rig.open_and_settle();
  rig.mcu.send({{"event", "telemetry"}, {"uptime_s", 13}});
  rig.mcu.clear();
  rig.scheduler.advance(5999ms);
  EXPECT_EQ(rig.client.state().link, LinkState::kUp);
  rig.scheduler.advance(1ms);
  EXPECT_EQ(rig.client.state().link, LinkState::kQuiet);
  EXPECT_TRUE(rig.logged("nothing heard from the MCU for 6000 ms: link quiet"));
  EXPECT_EQ(rig.client.state().battery_pct, 78);
  EXPECT_TRUE(rig.mcu.commands().empty());

  // The MCU rebooted: its boot switch event is the first thing heard.
  rig.mcu.send({{"event", "switch"}, {"switch", reference_switches()}});
  EXPECT_EQ(rig.client.state().link, LinkState::kSyncing);
  EXPECT_EQ(rig.mcu.commands(), (Commands{"get_status", "get_switches"}));
  rig.scheduler.advance(100ms);
  EXPECT_EQ(rig.client.state().link, LinkState::kUp);
  EXPECT_TRUE(rig.client.state().synced);
}

TEST(SupvClientSync, AnMcuThatNeverSpeaksGoesQuietAfterTheFailedSync) {
  HostRig rig;
  rig.client.on_link_opened();
  rig.scheduler.advance(6s);
  EXPECT_EQ(rig.client.state().link, LinkState::kQuiet);
  rig.scheduler.advance(60s);
  EXPECT_EQ(rig.mcu.commands().size(), 6u);  // two requests, three attempts each, then waiting
}

TEST(SupvClientSync, WithoutSyncOnOpenTheLinkIsUpAtOnce) {
  SupvClientOptions options;
  options.sync_on_open = false;
  HostRig rig(options);
  rig.client.on_link_opened();
  EXPECT_EQ(rig.client.state().link, LinkState::kUp);
  EXPECT_TRUE(rig.mcu.commands().empty());
}

}  // namespace
}  // namespace hil::supervisor::testing
