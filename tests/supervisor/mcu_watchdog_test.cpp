// The boot watchdog: the Pi must send a request within the limit, else it is reset and the
// watchdog re-arms; each step is a `watchdog` event with state and uptime_s.
#include "tests/supervisor/mcu_test_support.h"

namespace hil::supervisor::mcu_test {
namespace {

TEST(McuWatchdog, ASilentPiIsResetAndTheWatchdogRearms) {
  McuRig rig(with_watchdog(30s));
  rig.booted();
  rig.advance(29999ms);
  EXPECT_EQ(rig.board.resets, 0);
  rig.advance(1ms);
  EXPECT_EQ(rig.board.resets, 1);
  EXPECT_EQ(
      rig.events(rig.take(), "watchdog"),
      (std::vector<json>{json::parse(R"({"event":"watchdog","state":"reset","uptime_s":30})"),
                         json::parse(R"({"event":"watchdog","state":"armed","uptime_s":30})")}));
  EXPECT_EQ(rig.mcu.watchdog_state(), WatchdogState::kArmed);
  rig.advance(90s);
  EXPECT_EQ(rig.board.resets, 4);
  EXPECT_EQ(rig.mcu.counters().pi_resets, 4u);
}

TEST(McuWatchdog, TheFirstRequestSatisfiesItAfterTheReply) {
  McuRig rig(with_watchdog(30s));
  rig.booted();
  rig.advance(12s);
  rig.take();
  rig.send(R"({"id":"1","cmd":"get_switches"})");
  const std::vector<std::string> lines = rig.take();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(json::parse(lines[0])["id"], "1");
  EXPECT_EQ(lines[1], R"({"event":"watchdog","state":"ok","uptime_s":12})");
  rig.advance(10min);
  EXPECT_EQ(rig.board.resets, 0);
  EXPECT_EQ(rig.mcu.watchdog_state(), WatchdogState::kOk);
}

TEST(McuWatchdog, AnUnknownCommandIsTalkingTooButGarbageIsNot) {
  McuRig rig(with_watchdog(5s));
  rig.booted();
  rig.send("Raspbian GNU/Linux 12 raspberrypi ttyAMA0");  // a console on the UART is not the TUI
  rig.send(R"({"no":"cmd"})");
  EXPECT_EQ(rig.mcu.watchdog_state(), WatchdogState::kArmed);
  rig.send(R"({"id":"1","cmd":"hello"})");
  EXPECT_EQ(rig.mcu.watchdog_state(), WatchdogState::kOk);
}

TEST(McuWatchdog, AfterAResetThePiMustTalkAgainInTime) {
  McuRig rig(with_watchdog(5s));
  rig.booted();
  rig.advance(5s);  // reset 1
  rig.advance(4s);
  rig.send(R"({"id":"1","cmd":"ping"})");
  const auto events = rig.events(rig.take(), "watchdog");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back(), json::parse(R"({"event":"watchdog","state":"ok","uptime_s":9})"));
  rig.advance(1min);
  EXPECT_EQ(rig.board.resets, 1);
}

TEST(McuWatchdog, ZeroDisablesIt) {
  McuRig rig(with_watchdog(0s));
  rig.mcu.boot();
  EXPECT_EQ(rig.events(rig.take(), "watchdog"),
            (std::vector<json>{json::parse(R"({"event":"watchdog","state":"off","uptime_s":0})")}));
  rig.advance(1h);
  EXPECT_EQ(rig.board.resets, 0);
  EXPECT_EQ(rig.mcu.watchdog_state(), WatchdogState::kOff);
}

TEST(McuWatchdog, TheDefaultGivesThePiTwoMinutes) {
  McuRig rig;
  rig.booted();
  rig.advance(119s);
  EXPECT_EQ(rig.board.resets, 0);
  rig.advance(1s);
  EXPECT_EQ(rig.board.resets, 1);
}

}  // namespace
}  // namespace hil::supervisor::mcu_test
