// The power-off handshake: arm_poweroff prepares (power port), the reply says poweroff_ok, and the
// power is cut when the Pi releases its heartbeat; refused with battery_low under the threshold.
#include "tests/supervisor/mcu_test_support.h"

namespace hil::supervisor::mcu_test {
namespace {

TEST(McuPoweroff, ArmedThenCutWhenTheHeartbeatStops) {
  McuRig rig;
  rig.booted();
  EXPECT_EQ(rig.reply_to(R"({"id":"1","cmd":"arm_poweroff"})"),
            R"({"id":"1","ok":true,"poweroff_ok":true})");
  EXPECT_EQ(rig.board.prepared, 1);
  EXPECT_EQ(rig.board.cuts, 0);
  EXPECT_EQ(rig.mcu.pi_power(), PiPower::kPoweroffArmed);
  rig.advance(7s);  // the Pi asserts poweroff_ok and halts
  rig.take();
  rig.mcu.on_pi_heartbeat(false);
  EXPECT_EQ(rig.board.cuts, 1);
  EXPECT_EQ(rig.mcu.pi_power(), PiPower::kOff);
  EXPECT_EQ(rig.take(),
            (std::vector<std::string>{R"({"event":"watchdog","state":"off","uptime_s":7})"}));
}

TEST(McuPoweroff, AHeartbeatThatStopsWithoutArmingCutsNothing) {
  McuRig rig;
  rig.booted();
  rig.mcu.on_pi_heartbeat(false);  // a crash or a reboot: not the handshake
  EXPECT_EQ(rig.board.cuts, 0);
  EXPECT_EQ(rig.mcu.pi_power(), PiPower::kOn);
}

TEST(McuPoweroff, AHeartbeatAlreadyStoppedIsCutRightAfterTheReply) {
  McuRig rig;
  rig.booted();
  rig.mcu.on_pi_heartbeat(false);
  rig.send(R"({"id":"1","cmd":"arm_poweroff"})");
  const std::vector<std::string> lines = rig.take();
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], R"({"id":"1","ok":true,"poweroff_ok":true})");
  EXPECT_EQ(rig.board.cuts, 1);
}

TEST(McuPoweroff, BatteryLowIsRefusedAndNothingIsPrepared) {
  McuRig rig;
  rig.booted();
  rig.board.battery.pct = 19;
  EXPECT_EQ(rig.reply_to(R"({"id":"2","cmd":"arm_poweroff"})"),
            R"({"id":"2","ok":false,"error":"battery_low"})");
  EXPECT_EQ(rig.board.prepared, 0);
  rig.mcu.on_pi_heartbeat(false);
  EXPECT_EQ(rig.board.cuts, 0);
  rig.board.battery.pct = 20;  // the threshold itself is not low
  EXPECT_EQ(rig.reply_to(R"({"id":"3","cmd":"arm_poweroff"})"),
            R"({"id":"3","ok":true,"poweroff_ok":true})");
}

TEST(McuPoweroff, TheThresholdIsAnOption) {
  McuOptions options;
  options.poweroff_min_battery_pct = 5;
  McuRig rig(options);
  rig.booted();
  rig.board.battery.pct = 6;
  EXPECT_EQ(rig.reply_to(R"({"id":"1","cmd":"arm_poweroff"})"),
            R"({"id":"1","ok":true,"poweroff_ok":true})");
}

TEST(McuPoweroff, ArmingTwicePreparesOnce) {
  McuRig rig;
  rig.booted();
  rig.send(R"({"id":"1","cmd":"arm_poweroff"})");
  EXPECT_EQ(rig.reply_to(R"({"id":"2","cmd":"arm_poweroff"})"),
            R"({"id":"2","ok":true,"poweroff_ok":true})");
  EXPECT_EQ(rig.board.prepared, 1);
}

TEST(McuPoweroff, ThePowerButtonPowersThePiAgainAndTheWatchdogRearms) {
  McuRig rig(with_watchdog(30s));
  rig.booted();
  rig.send(R"({"id":"1","cmd":"arm_poweroff"})");
  rig.mcu.on_pi_heartbeat(false);
  rig.advance(1h);  // no watchdog while the Pi has no power
  EXPECT_EQ(rig.board.resets, 0);
  EXPECT_EQ(rig.mcu.watchdog_state(), WatchdogState::kOff);
  rig.take();
  rig.mcu.on_power_button();
  EXPECT_EQ(rig.board.restores, 1);
  EXPECT_EQ(rig.mcu.pi_power(), PiPower::kOn);
  EXPECT_EQ(rig.take(),
            (std::vector<std::string>{R"({"event":"watchdog","state":"armed","uptime_s":3600})"}));
  rig.advance(30s);
  EXPECT_EQ(rig.board.resets, 1);  // the rebooted Pi stayed silent
  rig.mcu.on_power_button();       // ignored while the Pi has power
  EXPECT_EQ(rig.board.restores, 1);
}

}  // namespace
}  // namespace hil::supervisor::mcu_test
