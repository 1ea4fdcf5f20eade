// Events from the board's interrupts: switch (at boot and on change), heltec (on change), the
// unread counter and clear_unread.
#include "tests/supervisor/mcu_test_support.h"

namespace hil::supervisor::mcu_test {
namespace {

TEST(McuEvents, AFlippedSwitchIsSentAtOnceWithEverySwitch) {
  McuRig rig;
  rig.booted();
  rig.advance(700ms);
  rig.board.switches.lte = false;
  rig.mcu.on_switches_changed();
  EXPECT_EQ(rig.take(), (std::vector<std::string>{
                            R"({"event":"switch","switch":{"lte":false,"wifi":false,"bt":true,)"
                            R"("bridge_enable":true,"lid_open":false,"charger_online":true}})"}));
}

TEST(McuEvents, AnInterruptWithNothingChangedSendsNothing) {
  McuRig rig;
  rig.booted();
  rig.mcu.on_switches_changed();  // contact bounce: flipped and back before the read
  rig.mcu.on_radio_status_changed();
  EXPECT_TRUE(rig.take().empty());
}

TEST(McuEvents, EachSwitchChangeIsItsOwnEvent) {
  McuRig rig;
  rig.booted();
  for (const SwitchField& field : kSwitchFields) {
    rig.board.switches.*field.member = !(rig.board.switches.*field.member);
    rig.mcu.on_switches_changed();
    const auto events = rig.events(rig.take(), "switch");
    ASSERT_EQ(events.size(), 1u) << field.name;
    EXPECT_EQ(events[0]["switch"][std::string(field.name)], rig.board.switches.*field.member);
  }
}

TEST(McuEvents, TheChargerInputAlsoReportsTheNewCurrentAtOnce) {
  McuRig rig;
  rig.booted();
  rig.advance(2300ms);  // past the 250 ms gap after the periodic event at 2000
  rig.take();
  rig.board.switches.charger_online = false;
  rig.board.battery.pack_ma = 1080;
  rig.mcu.on_switches_changed();
  const std::vector<std::string> lines = rig.take();
  ASSERT_EQ(rig.events(lines, "switch").size(), 1u);
  const auto telemetry = rig.events(lines, "telemetry");
  ASSERT_EQ(telemetry.size(), 1u);
  EXPECT_EQ(telemetry[0]["pack_ma"], 1080);
}

TEST(McuEvents, RadioStatusChangesBecomeHeltecEvents) {
  McuRig rig;
  rig.booted();
  rig.board.radio = RadioStatus::kFault;
  rig.mcu.on_radio_status_changed();
  rig.board.radio = RadioStatus::kDisconnected;
  rig.mcu.on_radio_status_changed();
  rig.board.radio = RadioStatus::kOk;
  rig.mcu.on_radio_status_changed();
  EXPECT_EQ(rig.take(), (std::vector<std::string>{R"({"event":"heltec","heltec":"fault"})",
                                                  R"({"event":"heltec","heltec":"disconnected"})",
                                                  R"({"event":"heltec","heltec":"ok"})"}));
  rig.board.radio = RadioStatus::kFault;
  const json status = json::parse(rig.reply_to(R"({"id":"1","cmd":"get_status"})"));
  EXPECT_EQ(status["status"]["heltec"], "fault");
}

TEST(McuEvents, MessagesCountUpAndTheirAgeTicks) {
  McuRig rig;
  rig.booted();
  rig.advance(3s);
  rig.mcu.on_mesh_message();
  rig.mcu.on_mesh_message();
  rig.advance(7400ms);
  const json status = json::parse(rig.reply_to(R"({"id":"1","cmd":"get_status"})"))["status"];
  EXPECT_EQ(status["unread_ext"], 2);
  EXPECT_EQ(status["last_msg_age_s"], 7);
  EXPECT_EQ(status["uptime_s"], 10);
  EXPECT_EQ(rig.mcu.unread(), 2u);
}

TEST(McuEvents, ClearUnreadZeroesTheCountRestartsTheAgeAndReportsIt) {
  McuRig rig;
  rig.booted();
  rig.mcu.on_mesh_message();
  rig.advance(9100ms);
  rig.take();
  rig.send(R"({"id":"7","cmd":"clear_unread"})");
  const std::vector<std::string> lines = rig.take();
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0], R"({"id":"7","ok":true})");  // the reply first, then what it changed
  const auto telemetry = rig.events(lines, "telemetry");
  ASSERT_EQ(telemetry.size(), 1u);
  EXPECT_EQ(telemetry[0]["unread_ext"], 0);
  EXPECT_EQ(telemetry[0]["last_msg_age_s"], 0);
  rig.advance(3s);
  const json status = json::parse(rig.reply_to(R"({"id":"8","cmd":"get_status"})"))["status"];
  EXPECT_EQ(status["unread_ext"], 0);
  EXPECT_EQ(status["last_msg_age_s"], 3);
}

TEST(McuEvents, WithoutAnyMessageTheAgeCountsFromBoot) {
  McuRig rig;
  rig.booted();
  rig.advance(42s);
  const json status = json::parse(rig.reply_to(R"({"id":"1","cmd":"get_status"})"))["status"];
  EXPECT_EQ(status["last_msg_age_s"], 42);
}

TEST(McuEvents, NothingIsSentBeforeBoot) {
  McuRig rig;
  rig.mcu.on_switches_changed();
  rig.mcu.on_mesh_message();
  rig.mcu.on_radio_status_changed();
  EXPECT_TRUE(rig.take().empty());
  EXPECT_EQ(rig.mcu.unread(), 0u);
}

}  // namespace
}  // namespace hil::supervisor::mcu_test
