// Covers the node's motion rules through the rig: lifecycle, batches, HOME legs, E04/E07/E03,
// timing.
#include "node_test_support.h"

namespace hil::sim::testing {
namespace {

using Fields = std::map<std::string, std::string>;
using Words = std::vector<std::string>;

// ---- lifecycle -----------------------------------------------------------------------------

TEST_F(NodeTest, ShortCommandsCompleteWithoutAnAck) {
  for (const char* command :
       {"WAKE:0", "SLEEP:0", "GET ALL", "SET SPEED=4000", "NET:STATUS", "MQTT:GET_CONFIG"}) {
    const auto lines = rig.serial(command);
    ASSERT_EQ(lines.size(), 1u) << command << "\n" << joined(lines);
    EXPECT_EQ(parse_console_line(lines[0]).head, "CTRL:DONE") << command;
  }
}

TEST_F(NodeTest, ValidationErrorIsASingleErrorWithNoAckAndNothingRuns) {
  const auto lines = rig.serial("MOVE:0,5000");
  ASSERT_EQ(lines.size(), 1u) << joined(lines);
  const auto err = parse_console_line(lines[0]);
  EXPECT_EQ(err.head, "CTRL:ERR");
  EXPECT_TRUE(is_uuid4(err.at("msg_id")));
  EXPECT_TRUE(rig.advance_ms(2000).empty());
  EXPECT_EQ(position(0), 0);
  const auto mqtt = parse_all(rig.mqtt(
      R"({"cmd_id":"v1","action":"MOVE","params":{"target_ids":0,"position_steps":5000}})"));
  ASSERT_EQ(mqtt.size(), 1u);
  EXPECT_EQ(mqtt[0]["status"], "error");
  EXPECT_EQ(mqtt[0]["errors"][0]["code"], "E07");
}

TEST_F(NodeTest, EveryCommandGetsItsOwnFreshId) {
  const auto a = one_line("GET SPEED");
  const auto b = one_line("GET SPEED");
  EXPECT_TRUE(is_uuid4(a.at("cmd_id")));
  EXPECT_NE(a.at("cmd_id"), b.at("cmd_id"));
}

// ---- MOVE ----------------------------------------------------------------------------------

TEST_F(NodeTest, MoveLimitsArePlusMinus1200InclusiveElseE07) {
  const auto err = one_line("MOVE:0,1201");
  EXPECT_EQ(err.words, (Words{"E07", "POS_OUT_OF_RANGE"}));
  EXPECT_TRUE(err.fields_without_id().empty()) << "the console gives the code and reason only";
  const auto mqtt =
      rig.mqtt(R"({"cmd_id":"r","action":"MOVE","params":{"target_ids":0,"position_steps":1201}})");
  ASSERT_EQ(mqtt.size(), 1u);
  EXPECT_NE(mqtt[0].find(R"("target":1201)"), std::string::npos) << "MQTT keeps the details";
  EXPECT_EQ(one_line("MOVE:1,-1201").words, (Words{"E07", "POS_OUT_OF_RANGE"}));
  EXPECT_EQ(one_line("MOVE:0,1200").head, "CTRL:ACK");
  EXPECT_EQ(one_line("MOVE:1,-1200").head, "CTRL:ACK");
  rig.advance_ms(1000);
  EXPECT_EQ(position(0), 1200);
  EXPECT_EQ(position(1), -1200);
}

TEST_F(NodeTest, ZeroStepMoveAcksAndDonesAtOnce) {
  const auto lines = rig.serial("MOVE:0,0");
  ASSERT_EQ(lines.size(), 2u) << joined(lines);
  const auto ack = parse_console_line(lines[0]);
  const auto done = parse_console_line(lines[1]);
  EXPECT_EQ(ack.fields_without_id(), (Fields{{"est_ms", "0"}}));
  EXPECT_EQ(done.at("cmd_id"), ack.at("msg_id"));
  EXPECT_EQ(done.fields_without_id(),
            (Fields{{"action", "MOVE"}, {"actual_ms", "0"}, {"status", "done"}}));
  EXPECT_EQ(motor_status(0)["moving"], false);
  EXPECT_EQ(motor_status(0)["awake"], false) << "falls asleep when the move ends";
}

TEST_F(NodeTest, MoveAllDoneReportsTheLongestMotor) {
  rig.serial("MOVE:0,1200");
  rig.advance_ms(1000);
  const auto ack = one_line("MOVE:ALL,0");
  EXPECT_EQ(ack.at("est_ms"), "550") << "the largest estimate of the mask";
  EXPECT_TRUE(rig.advance_ms(549).empty()) << "no DONE while motor 0 still moves";
  const auto later = rig.advance_ms(10);
  ASSERT_EQ(later.size(), 1u) << joined(later);
  EXPECT_EQ(parse_console_line(later[0]).at("actual_ms"), "550");
}

TEST_F(NodeTest, MoveEstimateUsesTheDistanceFromTheCurrentPosition) {
  rig.serial("MOVE:0,1000");
  rig.advance_ms(1000);
  EXPECT_EQ(one_line("MOVE:0,1200").at("est_ms"), "224")
      << "200 steps: a triangle, 2 * ceil_sqrt(12500)";
}

TEST_F(NodeTest, MovePerCommandSpeedAndAccel) {
  EXPECT_EQ(one_line("MOVE:0,1200,1000").at("est_ms"), "1263");
  EXPECT_EQ(one_line("MOVE:1,1200,,8000").at("est_ms"), "776");
  EXPECT_EQ(one_line("MOVE:2,1200,1000,8000").at("est_ms"), std::to_string(1200 + 125));
  const auto lines = rig.advance_ms(1400);
  ASSERT_EQ(lines.size(), 3u) << joined(lines);
  const auto status = rig.status();
  EXPECT_EQ(status["motors"]["0"]["speed"], 1000);
  EXPECT_EQ(status["motors"]["1"]["accel"], 8000);
  EXPECT_EQ(one_line("GET SPEED").at("SPEED"), "4000")
      << "per-command speed does not change the default";
}

TEST_F(NodeTest, MovePerCommandSpeedOrAccelNotPositiveIsE03) {
  for (const char* command : {"MOVE:0,100,0", "MOVE:0,100,-5", "MOVE:0,100,100,0", "MOVE:0,100,,-1",
                              "HOME:0,,,0", "HOME:0,,,,0", "M:0,100,99999999999"}) {
    const auto err = one_line(command);
    EXPECT_EQ(err.head, "CTRL:ERR") << command;
    EXPECT_EQ(err.words, (Words{"E03", "BAD_PARAM"})) << command;
  }
  const json mqtt = one_response(
      R"({"action":"MOVE","params":{"target_ids":0,"position_steps":5,"speed_sps":0}})");
  EXPECT_EQ(mqtt["errors"][0]["code"], "E03");
  EXPECT_TRUE(rig.advance_ms(1000).empty());
  EXPECT_EQ(position(0), 0);
}

TEST_F(NodeTest, MoveUsesTheSetSpeedAndAccel) {
  rig.serial("SET SPEED=1000 ACCEL=8000");
  EXPECT_EQ(one_line("MOVE:0,1200").at("est_ms"), "1325");
}

// ---- E04 -----------------------------------------------------------------------------------

TEST_F(NodeTest, MoveOrHomeToAMovingMotorIsE04) {
  rig.serial("MOVE:0,1200");
  const auto err = one_line("MOVE:0,0");
  EXPECT_EQ(err.words, (Words{"E04", "BUSY"}));
  EXPECT_TRUE(err.fields_without_id().empty());
  EXPECT_EQ(one_line("HOME:ALL").words, (Words{"E04", "BUSY"}));
  EXPECT_EQ(one_line("MOVE:1,10").head, "CTRL:ACK") << "other motors are free";
}

TEST_F(NodeTest, SleepToAMovingMotorIsE04) {
  rig.serial("MOVE:0,1200");
  EXPECT_EQ(one_line("SLEEP:0").words, (Words{"E04", "BUSY"}));
  EXPECT_EQ(one_line("SLEEP:ALL").words, (Words{"E04", "BUSY"}));
  EXPECT_EQ(one_line("SLEEP:1").head, "CTRL:DONE");
}

TEST_F(NodeTest, SetSpeedAccelDecelWhileAnyMotorMovesIsE04) {
  rig.serial("MOVE:5,1200");
  for (const char* command : {"SET SPEED=100", "SET ACCEL=100", "SET DECEL=100"}) {
    EXPECT_EQ(one_line(command).words, (Words{"E04", "BUSY"})) << command;
  }
  EXPECT_EQ(one_line("SET THERMAL_LIMITING=ON").head, "CTRL:DONE") << "not a rate";
  rig.advance_ms(1000);
  EXPECT_EQ(one_line("SET SPEED=100").head, "CTRL:DONE") << "allowed once stopped";
}

TEST_F(NodeTest, WakeDoesNotBlockSetSpeedButBlocksMicrostep) {
  rig.serial("WAKE:ALL");
  EXPECT_EQ(one_line("SET SPEED=100").head, "CTRL:DONE");
  EXPECT_EQ(one_line("SET MICROSTEP=HALF").words, (Words{"E04", "BUSY"}));
  rig.serial("SLEEP:ALL");
  EXPECT_EQ(one_line("SET MICROSTEP=HALF").head, "CTRL:DONE");
}

// ---- awake / sleep -------------------------------------------------------------------------

TEST_F(NodeTest, MotorIsAwakeWhileMovingAndFallsAsleepAfterUnlessWoken) {
  rig.serial("MOVE:0,1200");
  EXPECT_TRUE(rig.board().motor(0).enabled());
  EXPECT_EQ(motor_status(0)["awake"], true);
  rig.advance_ms(1000);
  EXPECT_FALSE(rig.board().motor(0).enabled());
  EXPECT_EQ(motor_status(0)["awake"], false);
  rig.serial("WAKE:1");
  rig.serial("MOVE:1,1200");
  rig.advance_ms(1000);
  EXPECT_TRUE(rig.board().motor(1).enabled()) << "WAKE holds the motor after its move";
  EXPECT_EQ(motor_status(1)["awake"], true);
}

// ---- HOME ----------------------------------------------------------------------------------

TEST_F(NodeTest, HomeRunsThreeLegsThenZeroesPositionAndSetsHomed) {
  rig.serial("MOVE:0,400");
  rig.advance_ms(1000);
  ASSERT_EQ(position(0), 400);
  const auto ack = one_line("HOME:0");
  EXPECT_EQ(ack.at("est_ms"), "1778") << "est(3200) + est(125) + est(1200)";
  // Leg 1: -(2400 + 800) in 1050 ms; leg 2: +125 in ~176.8 ms; leg 3: +1200 in 550 ms.
  rig.advance_ms(1049);
  EXPECT_GT(position(0), 400 - 3200);
  EXPECT_LT(position(0), 400);
  rig.advance_ms(2);  // 1051
  EXPECT_EQ(position(0), 400 - 3200) << "leg 1 ends in the bump stop";
  EXPECT_EQ(motor_status(0)["homed"], false);
  rig.advance_ms(177);  // 1228
  EXPECT_EQ(position(0), 400 - 3200 + 125) << "leg 2 backs off";
  const auto before_end = rig.advance_ms(547);  // 1775
  EXPECT_TRUE(before_end.empty()) << joined(before_end);
  EXPECT_NEAR(position(0), 400 - 3200 + 125 + 1200, 2) << "leg 3 heads for the middle";
  const auto end = rig.advance_ms(5);
  ASSERT_EQ(end.size(), 1u);
  const auto done = parse_console_line(end[0]);
  EXPECT_EQ(done.at("cmd_id"), ack.at("msg_id"));
  EXPECT_NEAR(std::stoi(done.at("actual_ms")), 1778, 3);
  EXPECT_EQ(position(0), 0) << "the middle becomes position 0";
  const json m = motor_status(0);
  EXPECT_EQ(m["homed"], true);
  EXPECT_EQ(m["steps_since_home"], 0);
  EXPECT_EQ(m["position"], 0);
}

TEST_F(NodeTest, StepsSinceHomeCountsMovedStepsWhileHomed) {
  rig.serial("MOVE:0,300");
  rig.advance_ms(1000);
  EXPECT_EQ(motor_status(0)["steps_since_home"], 0) << "not counted before homing";
  rig.serial("HOME:0");
  rig.advance_ms(2000);
  rig.serial("MOVE:0,100");
  rig.advance_ms(1000);
  EXPECT_EQ(motor_status(0)["steps_since_home"], 100);
  rig.serial("MOVE:0,-50");
  rig.advance_ms(1000);
  EXPECT_EQ(motor_status(0)["steps_since_home"], 250);
  const auto lines = rig.serial("STATUS");
  ASSERT_EQ(lines.size(), 9u);
  EXPECT_EQ(parse_console_line("x " + lines[1]).at("homed"), "1");
  EXPECT_EQ(parse_console_line("x " + lines[1]).at("steps_since_home"), "250");
}

TEST_F(NodeTest, HomeAllMovesEveryMotorLegByLegTogether) {
  rig.serial("MOVE:3,-600");
  rig.advance_ms(1000);
  const auto ack = one_line("HOME:ALL,,,,,1000");  // full_range 1000: legs -1800, +125, +500
  rig.advance_ms(1);
  for (int id = 0; id < 8; ++id) EXPECT_EQ(motor_status(id)["moving"], true) << id;
  const std::int64_t leg1 = 1800 * 1000 / 4000 + 250;  // 700 ms
  rig.advance_ms(leg1 + 1 - 1);
  for (int id = 0; id < 8; ++id) {
    EXPECT_EQ(position(id), (id == 3 ? -600 : 0) - 1800)
        << "motor " << id << " at the end of leg 1";
  }
  const auto lines = rig.advance_ms(2000);
  ASSERT_EQ(lines.size(), 1u) << "one DONE for the whole group\n" << joined(lines);
  EXPECT_EQ(parse_console_line(lines[0]).at("cmd_id"), ack.at("msg_id"));
  for (int id = 0; id < 8; ++id) {
    EXPECT_EQ(position(id), 0) << id;
    EXPECT_EQ(motor_status(id)["homed"], true) << id;
  }
}

TEST_F(NodeTest, HomeOmittedOrNonPositivePlacesUseTheDefaults) {
  EXPECT_EQ(one_line("HOME:0,0,-5,,,0").at("est_ms"), "1778");
  EXPECT_EQ(one_line("HOME:1,,100").at("est_ms"),
            std::to_string(1050 + 2 * 80 + 550));  // est(100) = 2 * ceil_sqrt(6250) = 160
}

TEST_F(NodeTest, HomeIsNotLimitedByThePlusMinus1200Range) {
  rig.serial("HOME:0,,,,,2400");
  rig.advance_ms(1051);
  EXPECT_EQ(position(0), -3200);
}

TEST_F(NodeTest, RebootClearsHomed) {
  rig.serial("HOME:0");
  rig.advance_ms(2000);
  ASSERT_EQ(motor_status(0)["homed"], true);
  rig.power_cycle();
  EXPECT_EQ(motor_status(0)["homed"], false);
}

// ---- GET LAST_OP_TIMING --------------------------------------------------------------------

TEST_F(NodeTest, LastOpTimingForOneMotorIsADone) {
  rig.serial("MOVE:2,1200");
  const auto ongoing = one_line("GET LAST_OP_TIMING:2");
  EXPECT_EQ(ongoing.fields_without_id(), (Fields{{"action", "GET"},
                                                 {"LAST_OP_TIMING", "1"},
                                                 {"ongoing", "1"},
                                                 {"id", "2"},
                                                 {"est_ms", "550"},
                                                 {"started_ms", "2000"},
                                                 {"status", "done"}}));
  rig.advance_ms(1000);
  const auto finished = one_line("GET LAST_OP_TIMING:2");
  EXPECT_EQ(finished.at("ongoing"), "0");
  EXPECT_EQ(finished.at("actual_ms"), "550");
}

// Issue 11, item 8: every form for all motors is an ACK, the table, and a DONE with no
// LAST_OP_TIMING=1.
TEST_F(NodeTest, LastOpTimingForAllMotorsIsAckTableThenAPlainDone) {
  for (const char* line : {"GET LAST_OP_TIMING", "GET LAST_OP_TIMING:ALL", "GET LAST_OP_TIMING:"}) {
    const auto lines = rig.serial(line);
    ASSERT_EQ(lines.size(), 11u) << line << ": " << joined(lines);
    const auto ack = parse_console_line(lines[0]);
    EXPECT_EQ(ack.head, "CTRL:ACK");
    EXPECT_EQ(lines[1], "LAST_OP_TIMING");
    EXPECT_EQ(lines[2], "id=0 ongoing=0 est_ms=0 started_ms=0 actual_ms=0");
    EXPECT_EQ(lines[10], "CTRL:DONE cmd_id=" + ack.at("msg_id") + " action=GET status=done")
        << line;
  }
  EXPECT_EQ(one_line("GET LAST_OP_TIMING:3").at("LAST_OP_TIMING"), "1")
      << "the one-motor form keeps it";
}

// ---- batches -------------------------------------------------------------------------------

TEST_F(NodeTest, BatchEachAckThenASummaryAckWithTheLargestEstimate) {
  const auto lines = rig.serial("MOVE:0,100;MOVE:1,1200");
  ASSERT_EQ(lines.size(), 3u) << joined(lines);
  const auto first = parse_console_line(lines[0]);
  const auto second = parse_console_line(lines[1]);
  const auto summary = parse_console_line(lines[2]);
  EXPECT_EQ(first.at("est_ms"), "160");  // 2 * ceil_sqrt(6250) = 2 * 80
  EXPECT_EQ(second.at("est_ms"), "550");
  EXPECT_EQ(summary.head, "CTRL:ACK");
  EXPECT_EQ(summary.at("est_ms"), "550");
  EXPECT_TRUE(is_uuid4(summary.at("msg_id")));
  EXPECT_NE(summary.at("msg_id"), first.at("msg_id"));
  EXPECT_NE(summary.at("msg_id"), second.at("msg_id"));
  const auto later = rig.advance_ms(1000);
  ASSERT_EQ(later.size(), 2u) << joined(later);
  EXPECT_EQ(parse_console_line(later[0]).at("cmd_id"), first.at("msg_id"));
  EXPECT_EQ(parse_console_line(later[1]).at("cmd_id"), second.at("msg_id"));
  EXPECT_EQ(position(0), 100);
  EXPECT_EQ(position(1), 1200);
}

TEST_F(NodeTest, BatchTouchingOneMotorTwiceIsMultiCmdConflictAndNothingRuns) {
  for (const char* batch : {"MOVE:0,100;MOVE:0,200", "MOVE:0,100;WAKE:0", "MOVE:1,5;HOME:ALL",
                            "WAKE:2;SLEEP:2", "M:3,10;H:3"}) {
    const auto err = one_line(batch);
    EXPECT_EQ(err.head, "CTRL:ERR") << batch;
    EXPECT_EQ(err.words, (Words{"E03", "BAD_PARAM", "MULTI_CMD_CONFLICT"})) << batch;
    EXPECT_TRUE(is_uuid4(err.at("msg_id")));
  }
  EXPECT_TRUE(rig.advance_ms(2000).empty());
  for (int id = 0; id < 8; ++id) {
    EXPECT_EQ(position(id), 0) << id;
    EXPECT_EQ(motor_status(id)["awake"], false) << id;
  }
}

TEST_F(NodeTest, BatchWithAnUnknownActionIsE01AndNothingRuns) {
  const auto err = one_line("MOVE:0,100;FOO;SET SPEED=100");
  EXPECT_EQ(err.words, (Words{"E01", "BAD_CMD"}));
  EXPECT_TRUE(rig.advance_ms(1000).empty());
  EXPECT_EQ(position(0), 0);
  EXPECT_EQ(one_line("GET SPEED").at("SPEED"), "4000");
}

// Issue 11, item 5: the batch stopped on an error prints no combined ACK (it did not go through).
TEST_F(NodeTest, BatchFailingMoveStopsTheRestButEarlierOnesKeepRunning) {
  const auto lines = rig.serial("MOVE:0,100;MOVE:1,5000;MOVE:2,100");
  ASSERT_EQ(lines.size(), 2u) << joined(lines);
  EXPECT_EQ(parse_console_line(lines[0]).head, "CTRL:ACK");
  EXPECT_EQ(lines[1], "CTRL:ERR msg_id=" + parse_console_line(lines[1]).at("msg_id") +
                          " E07 POS_OUT_OF_RANGE");
  const auto later = rig.advance_ms(1000);
  ASSERT_EQ(later.size(), 1u) << joined(later);
  EXPECT_EQ(position(0), 100);
  EXPECT_EQ(position(2), 0) << "the MOVE after the failing one never ran";
}

TEST_F(NodeTest, BatchFailingHomeStopsTheRest) {
  rig.serial("MOVE:1,1200");
  const auto lines = rig.serial("HOME:1;MOVE:2,100");
  ASSERT_EQ(lines.size(), 1u) << joined(lines);
  EXPECT_EQ(parse_console_line(lines[0]).words, (Words{"E04", "BUSY"}));
  rig.advance_ms(1000);
  EXPECT_EQ(position(2), 0);
}

TEST_F(NodeTest, BatchFailingSetOrGetDoesNotStopIt) {
  const auto lines = rig.serial("SET SPEED=0;GET BOGUS;MOVE:0,100;SLEEP:1");
  ASSERT_EQ(lines.size(), 5u) << joined(lines);
  EXPECT_EQ(parse_console_line(lines[0]).head, "CTRL:ERR");
  EXPECT_EQ(parse_console_line(lines[1]).head, "CTRL:ERR");
  EXPECT_EQ(parse_console_line(lines[2]).head, "CTRL:ACK");
  EXPECT_EQ(parse_console_line(lines[3]).head, "CTRL:DONE");
  EXPECT_EQ(parse_console_line(lines[4]).at("est_ms"), "160");
  rig.advance_ms(1000);
  EXPECT_EQ(position(0), 100);
}

TEST_F(NodeTest, BatchWithoutMotionHasNoSummaryAck) {
  const auto lines = rig.serial("GET SPEED;GET ACCEL");
  ASSERT_EQ(lines.size(), 2u) << joined(lines);
  EXPECT_EQ(parse_console_line(lines[0]).at("SPEED"), "4000");
  EXPECT_EQ(parse_console_line(lines[1]).at("ACCEL"), "16000");
}

TEST_F(NodeTest, BatchIgnoresEmptyPartsAndQuotedSemicolons) {
  EXPECT_EQ(rig.serial("GET SPEED;;").size(), 1u);
  EXPECT_EQ(one_line(R"(NET:SET,"semi;colon","password123")").head, "CTRL:DONE");
  EXPECT_EQ(rig.store().get("wifi_ssid"), "semi;colon");
}

// ---- console buffer ------------------------------------------------------------------------

TEST_F(NodeTest, ConsoleLineOver255BytesIsRefusedWholeAndTheNodeKeepsServing) {
  const std::string long_line = "MOVE:0,100;" + std::string(300, ' ') + "MOVE:1,100";
  const auto lines = rig.serial_bytes(long_line + "\n");
  EXPECT_EQ(lines, (std::vector<std::string>{"CTRL:ERR E03 BAD_PARAM buffer_overflow"}));
  rig.advance_ms(1000);
  EXPECT_EQ(position(0), 0) << "none of the line ran";
  EXPECT_EQ(position(1), 0);
  const auto after = rig.serial_bytes("GET SPEED\n");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(parse_console_line(after[0]).at("SPEED"), "4000");
}

TEST_F(NodeTest, ConsoleLineOfExactly255BytesIsAccepted) {
  std::string line = "GET SPEED";
  line += std::string(255 - line.size(), ' ');
  ASSERT_EQ(line.size(), 255u);
  const auto lines = rig.serial_bytes(line + "\r");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(parse_console_line(lines[0]).head, "CTRL:DONE");
  EXPECT_EQ(rig.serial_bytes(line + " \n"),
            (std::vector<std::string>{"CTRL:ERR E03 BAD_PARAM buffer_overflow"}));
}

TEST_F(NodeTest, ConsoleBytesAreFramedOnCrOrLfAndMayArriveInPieces) {
  EXPECT_TRUE(rig.serial_bytes("GET SP").empty());
  EXPECT_EQ(rig.serial_bytes("EED\r\nGET ACCEL\n").size(), 2u)
      << "the empty line between \\r and \\n is ignored";
}

}  // namespace
}  // namespace hil::sim::testing
