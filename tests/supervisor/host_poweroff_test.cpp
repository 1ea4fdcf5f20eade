// The Pi's power-off handshake: arm_poweroff, then the poweroff_ok GPIO, then the shutdown; a
// refusal (battery_low), a timeout or an unconfirmed reply aborts before the GPIO is touched.
#include "firmware_core/supervisor/host_poweroff.h"

#include <gtest/gtest.h>

#include "tests/supervisor/host_test_support.h"

namespace hil::supervisor::testing {
namespace {

// A GPIO and a shutdown that write what happens, in order, to one journal.
class FakePin : public OutputPin {
 public:
  explicit FakePin(std::vector<std::string>& journal) : journal_(journal) {}
  bool set(bool high) override {
    journal_.push_back(high ? "gpio high" : "gpio low");
    return works;
  }
  bool works = true;

 private:
  std::vector<std::string>& journal_;
};

class FakePower : public PowerAction {
 public:
  explicit FakePower(std::vector<std::string>& journal) : journal_(journal) {}
  bool power_off() override {
    journal_.push_back("poweroff");
    return works;
  }
  bool works = true;

 private:
  std::vector<std::string>& journal_;
};

struct PoweroffRig : HostRig {
  // Without the sync on open, only the handshake talks.
  PoweroffRig() : HostRig(no_sync()) { client.on_link_opened(); }

  static SupvClientOptions no_sync() {
    SupvClientOptions options;
    options.sync_on_open = false;
    return options;
  }

  // Starts the handshake and runs virtual time until it is over (or 10 s).
  PoweroffResult run() {
    std::optional<PoweroffResult> result;
    handshake.start([&](const PoweroffResult& r) { result = r; });
    scheduler.advance(10s);
    if (!result) ADD_FAILURE() << "the handshake never ended";
    return result.value_or(PoweroffResult{});
  }
  // The same with an MCU that agrees.
  PoweroffResult run_agreed() {
    mcu.answer("arm_poweroff", {{"ok", true}, {"poweroff_ok", true}});
    return run();
  }

  std::vector<std::string> journal;
  FakePin pin{journal};
  FakePower power{journal};
  PoweroffHandshake handshake{client, {pin, power}};
};

TEST(PoweroffHandshake, AgreementSetsTheGpioThenPowersOff) {
  PoweroffRig rig;
  const PoweroffResult result = rig.run_agreed();
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.outcome, PoweroffOutcome::kPoweringOff);
  EXPECT_EQ(rig.mcu.raw_lines(), (std::vector<std::string>{R"({"id":"1","cmd":"arm_poweroff"})"}));
  EXPECT_EQ(rig.journal, (std::vector<std::string>{"gpio high", "poweroff"}));
}

TEST(PoweroffHandshake, BatteryLowAbortsAndLeavesTheGpioAlone) {
  PoweroffRig rig;
  rig.mcu.answer("arm_poweroff", {{"ok", false}, {"error", "battery_low"}});
  const PoweroffResult result = rig.run();
  EXPECT_EQ(result.outcome, PoweroffOutcome::kRefused);
  EXPECT_EQ(result.detail, "battery_low");
  EXPECT_EQ(result.describe(), "the MCU refused: battery_low");
  EXPECT_TRUE(rig.journal.empty());
  EXPECT_EQ(rig.mcu.raw_lines().size(), 1u);  // a refusal is not retried
}

TEST(PoweroffHandshake, NoReplyTimesOutAfterEveryAttempt) {
  PoweroffRig rig;
  std::optional<PoweroffResult> result;
  rig.handshake.start([&](const PoweroffResult& r) { result = r; });
  EXPECT_TRUE(rig.handshake.running());
  rig.scheduler.advance(2999ms);
  EXPECT_FALSE(result);
  rig.scheduler.advance(1ms);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->outcome, PoweroffOutcome::kNoReply);
  EXPECT_EQ(result->describe(), "timed out: no reply to arm_poweroff after 3 attempts of 1000 ms");
  EXPECT_EQ(rig.mcu.raw_lines().size(), 3u);
  EXPECT_TRUE(rig.journal.empty());
  EXPECT_FALSE(rig.handshake.running());
}

TEST(PoweroffHandshake, AReplyToALaterAttemptStillCounts) {
  PoweroffRig rig;
  std::optional<PoweroffResult> result;
  rig.handshake.start([&](const PoweroffResult& r) { result = r; });
  rig.scheduler.advance(1500ms);  // the first attempt was lost
  rig.mcu.reply_to(rig.mcu.requests().back(), {{"ok", true}, {"poweroff_ok", true}});
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->ok());
}

TEST(PoweroffHandshake, OkWithoutPoweroffOkIsNotEnough) {
  PoweroffRig rig;
  rig.mcu.answer("arm_poweroff", {{"ok", true}});
  EXPECT_EQ(rig.run().outcome, PoweroffOutcome::kNotConfirmed);
  EXPECT_TRUE(rig.journal.empty());
}

TEST(PoweroffHandshake, AGpioThatCannotBeSetStopsBeforeThePowerOff) {
  PoweroffRig rig;
  rig.pin.works = false;
  EXPECT_EQ(rig.run_agreed().outcome, PoweroffOutcome::kPinFailed);
  EXPECT_EQ(rig.journal, (std::vector<std::string>{"gpio high"}));
}

TEST(PoweroffHandshake, AFailedPowerOffSetsTheGpioLowAgain) {
  PoweroffRig rig;
  rig.power.works = false;
  EXPECT_EQ(rig.run_agreed().outcome, PoweroffOutcome::kActionFailed);
  EXPECT_EQ(rig.journal, (std::vector<std::string>{"gpio high", "poweroff", "gpio low"}));
}

TEST(PoweroffHandshake, ASecondStartWhileRunningIsBusy) {
  PoweroffRig rig;
  rig.handshake.start({});
  std::optional<PoweroffResult> second;
  rig.handshake.start([&](const PoweroffResult& r) { second = r; });
  ASSERT_TRUE(second);
  EXPECT_EQ(second->outcome, PoweroffOutcome::kBusy);
  EXPECT_EQ(rig.mcu.raw_lines().size(), 1u);
}

TEST(PoweroffHandshake, DestroyedMidwayItNeverActs) {
  HostRig rig;
  std::vector<std::string> journal;
  FakePin pin{journal};
  FakePower power{journal};
  {
    PoweroffHandshake handshake{rig.client, {pin, power}};
    handshake.start([](const PoweroffResult&) { FAIL() << "called after destruction"; });
  }
  rig.mcu.reply_to(rig.mcu.requests()[0], {{"ok", true}, {"poweroff_ok", true}});
  rig.scheduler.advance(10s);
  EXPECT_TRUE(journal.empty());
  EXPECT_EQ(rig.client.stats().unmatched_replies, 1u);
}

}  // namespace
}  // namespace hil::supervisor::testing
