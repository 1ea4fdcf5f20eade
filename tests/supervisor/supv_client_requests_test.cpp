// The client's requests: string ids, replies matched by id in any order, retries and timeouts.
#include <gtest/gtest.h>

#include "tests/supervisor/host_test_support.h"

namespace hil::supervisor::testing {
namespace {

TEST(SupvClientRequests, NumbersRequestsWithStringIdsIdFirst) {
  HostRig rig;
  rig.client.request("get_status");
  rig.client.request("ping");
  rig.client.request("clear_unread", {{"source", "telegram"}});  // the spec's extra-field example
  EXPECT_EQ(
      rig.mcu.raw_lines(),
      (std::vector<std::string>{R"({"id":"1","cmd":"get_status"})", R"({"id":"2","cmd":"ping"})",
                                R"({"id":"3","cmd":"clear_unread","source":"telegram"})"}));
}

TEST(SupvClientRequests, ExtraFieldsCannotOverrideIdOrCmd) {
  HostRig rig;
  rig.client.request("ping", {{"id", "x"}, {"cmd", "reboot"}});
  EXPECT_EQ(rig.mcu.raw_lines().back(), R"({"id":"1","cmd":"ping"})");
}

TEST(SupvClientRequests, OutOfOrderRepliesReachTheirOwnRequests) {
  HostRig rig;
  std::vector<std::string> settled;
  RequestOutcome ping, switches;
  rig.client.request("ping", nullptr, [&](const RequestOutcome& outcome) {
    settled.push_back("ping");
    ping = outcome;
  });
  rig.client.request("get_switches", nullptr, [&](const RequestOutcome& outcome) {
    settled.push_back("get_switches");
    switches = outcome;
  });
  const auto requests = rig.mcu.requests();
  rig.mcu.reply_to(requests[1], {{"ok", true}, {"switch", {{"lte", false}}}});
  rig.mcu.reply_to(requests[0], {{"ok", true}, {"uptime_s", 321}});

  EXPECT_EQ(settled, (std::vector<std::string>{"get_switches", "ping"}));
  EXPECT_TRUE(ping.ok);
  EXPECT_EQ(ping.reply["uptime_s"], 321);
  EXPECT_TRUE(switches.ok);
  EXPECT_EQ(switches.reply["switch"]["lte"], false);
  EXPECT_EQ(rig.client.state().uptime_s, 321);
  EXPECT_EQ(rig.client.state().switches.at("lte"), false);
  EXPECT_EQ(rig.client.pending_requests(), 0u);
}

TEST(SupvClientRequests, ResendsWithTheSameIdAndALateReplySettles) {
  HostRig rig;
  std::optional<RequestOutcome> outcome;
  rig.client.request("ping", nullptr, [&](const RequestOutcome& o) { outcome = o; });
  rig.scheduler.advance(999ms);
  EXPECT_EQ(rig.mcu.raw_lines().size(), 1u);
  rig.scheduler.advance(1ms);
  ASSERT_EQ(rig.mcu.raw_lines().size(), 2u);
  EXPECT_EQ(rig.mcu.raw_lines()[1], rig.mcu.raw_lines()[0]);
  EXPECT_EQ(rig.client.retries(), 1u);

  rig.mcu.reply_to(rig.mcu.requests()[0], {{"ok", true}, {"uptime_s", 5}});
  ASSERT_TRUE(outcome);
  EXPECT_TRUE(outcome->ok);
  rig.scheduler.advance(10s);
  EXPECT_EQ(rig.mcu.raw_lines().size(), 2u);  // no more attempts once settled
}

TEST(SupvClientRequests, FailsClearlyAfterTheLastAttempt) {
  HostRig rig;
  std::optional<RequestOutcome> outcome;
  rig.client.request("ping", nullptr, [&](const RequestOutcome& o) { outcome = o; });
  rig.scheduler.advance(2999ms);
  EXPECT_FALSE(outcome);
  rig.scheduler.advance(1ms);
  ASSERT_TRUE(outcome);
  EXPECT_FALSE(outcome->ok);
  EXPECT_FALSE(outcome->replied);
  EXPECT_EQ(outcome->error, "no reply to ping after 3 attempts of 1000 ms");
  EXPECT_EQ(rig.mcu.raw_lines().size(), 3u);
  EXPECT_EQ(rig.client.stats().failed_requests, 1u);
  EXPECT_EQ(rig.client.pending_requests(), 0u);
}

TEST(SupvClientRequests, TimeoutAndAttemptsAreConfigurable) {
  SupvClientOptions options;
  options.requests.reply_timeout = 250ms;
  options.requests.attempts = 2;
  HostRig rig(options);
  std::optional<core::Micros> failed_at;
  rig.client.request("get_status", nullptr, [&](const RequestOutcome& outcome) {
    EXPECT_EQ(outcome.error, "no reply to get_status after 2 attempts of 250 ms");
    failed_at = rig.scheduler.now();
  });
  rig.scheduler.advance(10s);
  EXPECT_EQ(rig.mcu.raw_lines().size(), 2u);
  EXPECT_EQ(failed_at, core::Micros(500ms));
}

TEST(SupvClientRequests, ARefusalCarriesTheMcusError) {
  HostRig rig;
  std::optional<RequestOutcome> outcome;
  rig.client.request("reboot", nullptr, [&](const RequestOutcome& o) { outcome = o; });
  rig.mcu.reply_to(rig.mcu.requests()[0], {{"ok", false}, {"error", "unknown_cmd"}});
  ASSERT_TRUE(outcome);
  EXPECT_TRUE(outcome->replied);
  EXPECT_FALSE(outcome->ok);
  EXPECT_EQ(outcome->error, "unknown_cmd");
  EXPECT_EQ(rig.client.stats().failed_requests, 1u);
}

TEST(SupvClientRequests, AReplyWithoutBooleanOkFails) {
  HostRig rig;
  std::optional<RequestOutcome> outcome;
  rig.client.request("get_status", nullptr, [&](const RequestOutcome& o) { outcome = o; });
  rig.mcu.reply_to(rig.mcu.requests()[0], {{"ok", "yes"}, {"status", {{"battery_pct", 5}}}});
  ASSERT_TRUE(outcome);
  EXPECT_FALSE(outcome->ok);
  EXPECT_EQ(outcome->error, "a reply with no boolean ok");
  EXPECT_FALSE(rig.client.state().battery_pct);  // nothing merged from a reply that is not ok
}

TEST(SupvClientRequests, LateDuplicateAndUnknownRepliesAreCountedAndIgnored) {
  HostRig rig;
  int settled = 0;
  rig.client.request("ping", nullptr, [&](const RequestOutcome&) { ++settled; });
  const json request = rig.mcu.requests()[0];
  rig.mcu.reply_to(request, {{"ok", true}, {"uptime_s", 7}});
  rig.mcu.reply_to(request, {{"ok", true}, {"uptime_s", 8}});                     // duplicate
  rig.mcu.send({{"id", "999"}, {"ok", true}, {"status", {{"battery_pct", 1}}}});  // never asked
  EXPECT_EQ(settled, 1);
  EXPECT_EQ(rig.client.stats().unmatched_replies, 2u);
  EXPECT_EQ(rig.client.state().uptime_s, 7);
  EXPECT_FALSE(rig.client.state().battery_pct);
  EXPECT_TRUE(rig.logged("a reply to no pending request"));
}

TEST(SupvClientRequests, ANumericIdIsNotAReply) {
  HostRig rig;
  rig.client.request("ping");
  rig.mcu.send({{"id", 1}, {"ok", true}, {"uptime_s", 3}});
  EXPECT_EQ(rig.client.pending_requests(), 1u);
  EXPECT_EQ(rig.client.stats().unknown, 1u);
  EXPECT_TRUE(rig.logged("its id is not a string"));
}

TEST(SupvClientRequests, CancelledRequestsNeverCallBack) {
  HostRig rig;
  bool called = false;
  const std::string id =
      rig.client.request("ping", nullptr, [&](const RequestOutcome&) { called = true; });
  rig.client.cancel(id);
  rig.scheduler.advance(10s);
  EXPECT_FALSE(called);
  EXPECT_EQ(rig.mcu.raw_lines().size(), 1u);
}

}  // namespace
}  // namespace hil::supervisor::testing
