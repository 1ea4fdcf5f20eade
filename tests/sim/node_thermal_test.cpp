// Covers the node's thermal budget through the rig: E10, E11, E12, warnings with limiting OFF,
// forced sleep, refill.
#include "node_test_support.h"

namespace hil::sim::testing {
namespace {

using Words = std::vector<std::string>;

// The settled rig sits at t = 2000 ms with every budget updated at that whole second.

TEST_F(NodeTest, MoveLongerThanTheMaximumBudgetIsE10) {
  const auto err = one_line("MOVE:0,1200,10");  // ceil(120000) + ceil(10000/16000) = 120001 ms
  EXPECT_EQ(err.text, "CTRL:ERR msg_id=" + err.at("msg_id") +
                          " E10 THERMAL_REQ_GT_MAX id=0 max_budget_s=90 req_ms=120001");
  EXPECT_TRUE(is_uuid4(err.at("msg_id")));
  EXPECT_EQ(motor_status(0)["moving"], false);
}

TEST_F(NodeTest, MoveWithinNinetySecondsIsAllowedAtFullBudget) {
  // 1200 steps at 14 sps: ceil(1200000/14) = 85715 + 1 -> req_s = 86 <= 90.
  EXPECT_EQ(one_line("MOVE:0,1200,14").head, "CTRL:ACK");
}

TEST_F(NodeTest, MoveWithoutEnoughBudgetIsE11WithTheNotesExampleFields) {
  rig.serial("WAKE:0");
  rig.advance_ms(85000);  // awake 85 s: 900 - 850 = 50 tenths
  ASSERT_NEAR(motor_status(0)["budget_s"].get<double>(), 5.0, 1e-9);
  rig.serial("SLEEP:0");
  const auto err = one_line("MOVE:0,1200,100");  // 12000 + 7 ms -> 13 s > 5 s
  EXPECT_EQ(err.text, "CTRL:ERR msg_id=" + err.at("msg_id") +
                          " E11 THERMAL_NO_BUDGET budget_s=5 id=0 req_ms=12007 ttfc_s=56");
  EXPECT_TRUE(is_uuid4(err.at("msg_id")));
}

TEST_F(NodeTest, E11OverMqttCarriesTheSameFields) {
  rig.serial("WAKE:0");
  rig.advance_ms(85000);
  rig.serial("SLEEP:0");
  const json err = one_response(
      R"({"cmd_id":"t1","action":"MOVE","params":{"target_ids":0,"position_steps":1200,"speed_sps":100}})");
  EXPECT_EQ(err["status"], "error");
  EXPECT_EQ(err["errors"],
            json::parse(R"([{"code":"E11","message":"THERMAL_NO_BUDGET","id":0,"req_ms":12007,
                                         "budget_s":5,"ttfc_s":56}])"));
}

TEST_F(NodeTest, BudgetIsCheckedOnlyForTheMotorsOfTheMask) {
  rig.serial("WAKE:1");
  rig.advance_ms(85000);
  rig.serial("SLEEP:1");
  EXPECT_EQ(one_line("MOVE:0,1200,100").head, "CTRL:ACK") << "motor 0 still has its full budget";
  const auto err = one_line("MOVE:1,400");  // 2 * ceil_sqrt(25000) = 318 ms -> 1 s <= 5 s
  EXPECT_EQ(err.head, "CTRL:ACK");
}

TEST_F(NodeTest, HomeIsCheckedAgainstTheBudgetToo) {
  rig.serial("WAKE:0");
  rig.advance_ms(89000);  // 10 tenths: 1 s available, HOME needs 2 s
  rig.serial("SLEEP:0");
  const auto err = one_line("HOME:0");
  EXPECT_EQ(err.words, (Words{"E11", "THERMAL_NO_BUDGET"}));
  EXPECT_EQ(err.at("req_ms"), "1778");
  EXPECT_EQ(err.at("budget_s"), "1");
}

TEST_F(NodeTest, WakeWithNoBudgetLeftIsE12) {
  rig.serial("WAKE:0");
  rig.advance_ms(90000);  // 0 tenths
  rig.serial("SLEEP:0");
  const auto err = one_line("WAKE:0");
  EXPECT_EQ(err.text, "CTRL:ERR msg_id=" + err.at("msg_id") + " E12 THERMAL_NO_BUDGET_WAKE");
  EXPECT_EQ(motor_status(0)["awake"], false);
  EXPECT_EQ(one_line("WAKE:1").head, "CTRL:DONE");
}

TEST_F(NodeTest, WithLimitingOffAWarningPrecedesTheAckAndSharesItsMsgId) {
  ASSERT_EQ(one_line("SET THERMAL_LIMITING=OFF").at("THERMAL_LIMITING"), "OFF");
  const auto lines = rig.serial("MOVE:0,1200,10");
  ASSERT_EQ(lines.size(), 2u) << joined(lines);
  const auto warn = parse_console_line(lines[0]);
  const auto ack = parse_console_line(lines[1]);
  EXPECT_EQ(warn.head, "CTRL:WARN");
  EXPECT_EQ(ack.head, "CTRL:ACK");
  EXPECT_EQ(warn.at("msg_id"), ack.at("msg_id"));
  EXPECT_EQ(lines[0], "CTRL:WARN msg_id=" + ack.at("msg_id") +
                          " THERMAL_REQ_GT_MAX id=0 max_budget_s=90 req_ms=120001");
  EXPECT_EQ(ack.at("est_ms"), "120001");
  EXPECT_EQ(motor_status(0)["moving"], true);
}

TEST_F(NodeTest, WithLimitingOffE11IsAWarningOverMqtt) {
  rig.serial("WAKE:0");
  rig.advance_ms(85000);
  rig.serial("SLEEP:0");
  rig.serial("SET THERMAL_LIMITING=OFF");
  const json ack = one_response(
      R"({"cmd_id":"w1","action":"MOVE","params":{"target_ids":0,"position_steps":1200,"speed_sps":100}})");
  EXPECT_EQ(ack["status"], "ack");
  EXPECT_EQ(ack["result"]["est_ms"], 12007);
  ASSERT_EQ(ack["warnings"].size(), 1u);
  EXPECT_EQ(ack["warnings"][0]["code"], "E11");
  EXPECT_EQ(ack["warnings"][0]["budget_s"], 5);
}

TEST_F(NodeTest, WithLimitingOffWakeWithoutBudgetWarnsThenDones) {
  rig.serial("WAKE:0");
  rig.advance_ms(90000);
  rig.serial("SLEEP:0");
  rig.serial("SET THERMAL_LIMITING=OFF");
  const auto lines = rig.serial("WAKE:0");
  ASSERT_EQ(lines.size(), 2u) << joined(lines);
  const auto warn = parse_console_line(lines[0]);
  const auto done = parse_console_line(lines[1]);
  EXPECT_EQ(lines[0], "CTRL:WARN msg_id=" + done.at("cmd_id") + " THERMAL_NO_BUDGET_WAKE");
  EXPECT_EQ(done.head, "CTRL:DONE");
  EXPECT_EQ(warn.at("msg_id"), done.at("cmd_id"));
  EXPECT_EQ(motor_status(0)["awake"], true);
}

TEST_F(NodeTest, ForcedSleepCancelsTheMovePrintsNothingAndStillSendsItsDone) {
  rig.serial("SET THERMAL_LIMITING=OFF");
  const auto started = rig.serial("MOVE:0,1200,10");  // 120 s move at t = 2000 ms
  ASSERT_EQ(started.size(), 2u);
  const std::string id = parse_console_line(started[1]).at("msg_id");
  rig.serial("SET THERMAL_LIMITING=ON");
  // 900 tenths at 10/s: -50 after 95 s (not yet below), -60 after 96 s.
  EXPECT_TRUE(rig.advance_ms(95999).empty());
  EXPECT_EQ(motor_status(0)["moving"], true);
  const auto lines = rig.advance_ms(1);
  ASSERT_EQ(lines.size(), 1u) << "only the cancelled move's DONE\n" << joined(lines);
  EXPECT_EQ(lines[0], "CTRL:DONE cmd_id=" + id + " action=MOVE actual_ms=96000 status=done");
  const json m = motor_status(0);
  EXPECT_EQ(m["moving"], false);
  EXPECT_EQ(m["awake"], false);
  EXPECT_EQ(m["actual_ms"], 96000);
  EXPECT_NEAR(m["budget_s"].get<double>(), -6.0, 1e-9);
  EXPECT_FALSE(rig.board().motor(0).enabled());
  EXPECT_NEAR(position(0), 960, 2) << "stopped where it was, about 10 steps/s for 96 s";
  EXPECT_TRUE(rig.advance_ms(130000).empty()) << "the original arrival never comes";
  EXPECT_NEAR(position(0), 960, 2);
}

TEST_F(NodeTest, ForcedSleepOfAWokenIdleMotorPrintsNothing) {
  rig.serial("WAKE:0");
  EXPECT_TRUE(rig.advance_ms(96000).empty());
  EXPECT_EQ(motor_status(0)["awake"], false);
  EXPECT_FALSE(rig.board().motor(0).enabled());
  EXPECT_NEAR(motor_status(0)["budget_s"].get<double>(), -6.0, 1e-9);
}

TEST_F(NodeTest, WithLimitingOffThereIsNoForcedSleep) {
  rig.serial("SET THERMAL_LIMITING=OFF");
  rig.serial("WAKE:0");
  rig.advance_ms(200000);
  EXPECT_EQ(motor_status(0)["awake"], true);
  EXPECT_NEAR(motor_status(0)["budget_s"].get<double>(), -110.0, 1e-9);
}

TEST_F(NodeTest, BudgetRefillsWhileAsleepAt1Point5PerSecond) {
  rig.serial("WAKE:0");
  rig.advance_ms(30000);
  rig.serial("SLEEP:0");
  EXPECT_NEAR(motor_status(0)["budget_s"].get<double>(), 60.0, 1e-9);
  EXPECT_NEAR(motor_status(0)["ttfc_s"].get<double>(), 20.0, 1e-9);
  rig.advance_ms(10000);
  EXPECT_NEAR(motor_status(0)["budget_s"].get<double>(), 75.0, 1e-9);
  EXPECT_NEAR(motor_status(0)["ttfc_s"].get<double>(), 10.0, 1e-9);
  rig.advance_ms(60000);
  EXPECT_NEAR(motor_status(0)["budget_s"].get<double>(), 90.0, 1e-9) << "capped at max_budget_s";
}

TEST_F(NodeTest, RefillAfterForcedSleepRestoresTheBudget) {
  rig.serial("WAKE:0");
  rig.advance_ms(96000);
  ASSERT_EQ(motor_status(0)["awake"], false);
  rig.advance_ms(10000);
  EXPECT_NEAR(motor_status(0)["budget_s"].get<double>(), 9.0, 1e-9);
  EXPECT_EQ(one_line("WAKE:0").head, "CTRL:DONE");
}

TEST_F(NodeTest, StatusLinePrintsBudgetAndTtfcWithOneDecimal) {
  rig.serial("WAKE:0");
  rig.advance_ms(96000);
  const auto lines = rig.serial("STATUS");
  ASSERT_EQ(lines.size(), 9u);
  const auto m0 = parse_console_line("x " + lines[1]);
  EXPECT_EQ(m0.at("budget_s"), "-6.0");
  EXPECT_EQ(m0.at("ttfc_s"), "64.0");  // ceil(960 * 10 / 15) = 640 tenths
  EXPECT_EQ(parse_console_line("x " + lines[2]).at("budget_s"), "90.0");
}

TEST_F(NodeTest, TtfcIsCappedAt300Seconds) {
  rig.serial("SET THERMAL_LIMITING=OFF");
  rig.serial("WAKE:0");
  rig.advance_ms(500000);
  EXPECT_NEAR(motor_status(0)["budget_s"].get<double>(), -360.0, 1e-9) << "floor -360 s";
  EXPECT_NEAR(motor_status(0)["ttfc_s"].get<double>(), 300.0, 1e-9);
}

}  // namespace
}  // namespace hil::sim::testing
