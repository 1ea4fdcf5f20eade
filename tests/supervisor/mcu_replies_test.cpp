// Every reply and boot line of the spec and behaviour-notes.md ("Supervisor MCU"), with the
// reference board's values, byte for byte.
#include "tests/supervisor/mcu_test_support.h"

namespace hil::supervisor::mcu_test {
namespace {

constexpr const char* kReferenceSwitches =
    R"({"lte":true,"wifi":false,"bt":true,"bridge_enable":true,"lid_open":false,"charger_online":true})";

TEST(McuReplies, BootSendsASwitchEventThenArmsTheWatchdog) {
  McuRig rig;
  rig.mcu.boot();
  EXPECT_EQ(rig.take(),
            (std::vector<std::string>{
                std::string(R"({"event":"switch","switch":)") + kReferenceSwitches + "}",
                R"({"event":"watchdog","state":"armed","uptime_s":0})",
            }));
}

TEST(McuReplies, GetStatusCarriesTelemetrySwitchesRadioAndFirmware) {
  McuRig rig;
  rig.booted();
  EXPECT_EQ(rig.reply_to(R"({"id":"4","cmd":"get_status"})"),
            std::string(
                R"({"id":"4","ok":true,"status":{"battery_pct":78,"pack_mv":11750,"pack_ma":-420,)"
                R"("mcu_temp_c":36.5,"unread_ext":0,"last_msg_age_s":0,"uptime_s":0,"switch":)") +
                kReferenceSwitches + R"(,"heltec":"ok","mcu":"proto-0.1"}})");
}

TEST(McuReplies, GetSwitches) {
  McuRig rig;
  rig.booted();
  EXPECT_EQ(rig.reply_to(R"({"id":"5","cmd":"get_switches"})"),
            std::string(R"({"id":"5","ok":true,"switch":)") + kReferenceSwitches + "}");
}

TEST(McuReplies, ClearUnreadAcksAndIgnoresUnknownKeys) {
  McuRig rig;
  rig.booted();
  EXPECT_EQ(rig.reply_to(R"({"cmd":"clear_unread","id":"7","source":"telegram"})"),
            R"({"id":"7","ok":true})");
}

TEST(McuReplies, ArmPoweroffSaysPoweroffOk) {
  McuRig rig;
  rig.booted();
  EXPECT_EQ(rig.reply_to(R"({"id":"8","cmd":"arm_poweroff"})"),
            R"({"id":"8","ok":true,"poweroff_ok":true})");
}

TEST(McuReplies, ArmPoweroffOnALowBatteryIsRefused) {
  McuRig rig;
  rig.booted();
  rig.board.battery.pct = 12;
  EXPECT_EQ(rig.reply_to(R"({"id":"9","cmd":"arm_poweroff"})"),
            R"({"id":"9","ok":false,"error":"battery_low"})");
}

TEST(McuReplies, PingSaysTheWholeSecondsOfUptime) {
  McuRig rig;
  rig.booted();
  rig.advance(12500ms);
  EXPECT_EQ(rig.reply_to(R"({"id":"10","cmd":"ping"})"), R"({"id":"10","ok":true,"uptime_s":12})");
}

TEST(McuReplies, UnknownCommand) {
  McuRig rig;
  rig.booted();
  EXPECT_EQ(rig.reply_to(R"({"id":"11","cmd":"self_destruct"})"),
            R"({"id":"11","ok":false,"error":"unknown_cmd"})");
  EXPECT_EQ(rig.mcu.counters().unknown_cmd, 1u);
}

TEST(McuReplies, ACmdThatIsNotAStringIsAnUnknownCommand) {
  McuRig rig;
  rig.booted();
  EXPECT_EQ(rig.reply_to(R"({"id":"12","cmd":7})"),
            R"({"id":"12","ok":false,"error":"unknown_cmd"})");
  EXPECT_EQ(rig.reply_to(R"({"id":"13","cmd":""})"),
            R"({"id":"13","ok":false,"error":"unknown_cmd"})");
}

TEST(McuReplies, CommandNamesAreCaseSensitiveAsTheSpecWritesThem) {
  McuRig rig;
  rig.booted();
  EXPECT_EQ(rig.reply_to(R"({"id":"14","cmd":"PING"})"),
            R"({"id":"14","ok":false,"error":"unknown_cmd"})");
}

TEST(McuReplies, TheIdComesBackAsGivenWhateverItsType) {
  McuRig rig;
  rig.booted();
  EXPECT_EQ(rig.reply_to(R"({"id":42,"cmd":"ping"})"), R"({"id":42,"ok":true,"uptime_s":0})");
  EXPECT_EQ(rig.reply_to(R"({"id":{"n":[1,"ü"]},"cmd":"ping"})"),
            R"({"id":{"n":[1,"ü"]},"ok":true,"uptime_s":0})");
  EXPECT_EQ(rig.reply_to(R"({"id":null,"cmd":"ping"})"), R"({"id":null,"ok":true,"uptime_s":0})");
}

TEST(McuReplies, ARequestWithoutIdGetsAReplyWithoutId) {
  McuRig rig;
  rig.booted();
  EXPECT_EQ(rig.reply_to(R"({"cmd":"ping"})"), R"({"ok":true,"uptime_s":0})");
}

TEST(McuReplies, AnUnknownBatteryIsNull) {
  McuRig rig;
  rig.booted();
  rig.board.battery.pct.reset();
  const json status = json::parse(rig.reply_to(R"({"id":"1","cmd":"get_status"})"))["status"];
  EXPECT_TRUE(status["battery_pct"].is_null());
  // ...and is not "low": the handshake goes on.
  EXPECT_EQ(rig.reply_to(R"({"id":"2","cmd":"arm_poweroff"})"),
            R"({"id":"2","ok":true,"poweroff_ok":true})");
}

TEST(McuReplies, TheCommandTableListsTheSpecsCommands) {
  EXPECT_EQ(SupervisorMcu::command_names(),
            (std::vector<std::string_view>{"get_status", "get_switches", "clear_unread",
                                           "arm_poweroff", "ping"}));
}

}  // namespace
}  // namespace hil::supervisor::mcu_test
