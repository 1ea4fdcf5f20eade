// The stepper node's console as the original firmware prints it (issue 11): each test is named
// after the behaviour it pins, and drives the whole node on virtual time.
#include "node_test_support.h"

namespace hil::sim::testing {
namespace {

using Words = std::vector<std::string>;

// Item 1: a warning names its reason without the E-code; MQTT keeps the code.
TEST_F(NodeTest, WarningsCarryNoECodeOnTheConsole) {
  rig.serial("WAKE:0");
  rig.advance_ms(85000);  // 50 tenths left
  rig.serial("SLEEP:0");
  rig.serial("SET THERMAL_LIMITING=OFF");
  const auto lines = rig.serial("MOVE:0,1200,100");
  ASSERT_EQ(lines.size(), 2u) << joined(lines);
  const std::string id = parse_console_line(lines[1]).at("msg_id");
  EXPECT_EQ(lines[0],
            "CTRL:WARN msg_id=" + id + " THERMAL_NO_BUDGET budget_s=5 id=0 req_ms=12007 ttfc_s=56");
  rig.advance_ms(13000);
  const json ack = one_response(
      R"({"cmd_id":"w1","action":"MOVE","params":{"target_ids":0,"position_steps":0,"speed_sps":100}})");
  EXPECT_EQ(ack["warnings"][0]["code"], "E11");
}

// Item 2: errors carry the code and reason only, except E10 and E11.
TEST_F(NodeTest, ErrorLinesCarryTheCodeAndReasonOnly) {
  rig.serial("MOVE:0,1200");
  const auto busy = rig.serial("MOVE:0,10");
  ASSERT_EQ(busy.size(), 1u);
  EXPECT_EQ(busy[0], "CTRL:ERR msg_id=" + parse_console_line(busy[0]).at("msg_id") + " E04 BUSY");
  for (const auto& [line, tail] :
       std::vector<std::pair<std::string, std::string>>{{"MOVE:1,5000", " E07 POS_OUT_OF_RANGE"},
                                                        {"GET FOO", " E03 BAD_PARAM"},
                                                        {"SET FOO=1", " E03 BAD_PARAM"},
                                                        {"MOVE:9,1", " E02 BAD_ID"},
                                                        {"MOVE:1,10,0", " E03 BAD_PARAM"}}) {
    const auto reply = one_line(line);
    EXPECT_EQ(reply.text, "CTRL:ERR msg_id=" + reply.at("msg_id") + tail) << line;
  }
  rig.advance_ms(1000);
  const auto too_long = one_line("MOVE:2,1200,10");  // 120 s: over the 90 s budget
  EXPECT_EQ(too_long.text, "CTRL:ERR msg_id=" + too_long.at("msg_id") +
                               " E10 THERMAL_REQ_GT_MAX id=2 max_budget_s=90 req_ms=120001");
}

// Item 3: STATUS shows each motor's own speed and accel: its last move's, the factory ones before
// any.
TEST_F(NodeTest, StatusShowsEachMotorsOwnSpeedAndAccel) {
  ASSERT_EQ(one_line("SET SPEED=100").head, "CTRL:DONE");
  auto status = rig.serial("STATUS");
  ASSERT_EQ(status.size(), 9u);
  for (std::size_t i = 1; i < status.size(); ++i) {
    EXPECT_EQ(parse_console_line(status[i]).at("speed"), "4000")
        << "no move since the SET: " << status[i];
    EXPECT_EQ(parse_console_line(status[i]).at("accel"), "16000");
  }
  rig.serial("MOVE:0,10");
  rig.serial("MOVE:1,10,500,2000");
  rig.advance_ms(2000);
  status = rig.serial("STATUS");
  EXPECT_EQ(parse_console_line(status[1]).at("speed"), "100") << "motor 0 moved at the new default";
  EXPECT_EQ(parse_console_line(status[2]).at("speed"), "500") << "motor 1 at its own";
  EXPECT_EQ(parse_console_line(status[2]).at("accel"), "2000");
  EXPECT_EQ(parse_console_line(status[3]).at("speed"), "4000") << "motor 2 never moved";
  EXPECT_EQ(motor_status(1)["speed"], 500) << "the MQTT status shows the same";
  EXPECT_EQ(motor_status(2)["speed"], 4000);
}

// Item 4: bad motor ids in WAKE and SLEEP are E02, as in MOVE.
TEST_F(NodeTest, BadMotorIdsInWakeAndSleepAreE02) {
  for (const char* line : {"WAKE:9", "WAKE:-1", "WAKE:abc", "SLEEP:9"}) {
    const auto reply = one_line(line);
    EXPECT_EQ(reply.text, "CTRL:ERR msg_id=" + reply.at("msg_id") + " E02 BAD_ID") << line;
  }
}

// Item 5: a batch stopped by an error prints no combined ACK.
TEST_F(NodeTest, ABatchThatStopsOnAnErrorPrintsNoCombinedAck) {
  const auto lines = rig.serial("MOVE:0,10;MOVE:1,5000");
  ASSERT_EQ(lines.size(), 2u) << joined(lines);
  EXPECT_EQ(parse_console_line(lines[0]).head, "CTRL:ACK");
  EXPECT_EQ(lines[1], "CTRL:ERR msg_id=" + parse_console_line(lines[1]).at("msg_id") +
                          " E07 POS_OUT_OF_RANGE");
  rig.advance_ms(1000);
  const auto done =
      rig.serial("MOVE:2,10;MOVE:3,20");  // a batch that goes through still gets its ACK
  ASSERT_EQ(done.size(), 3u) << joined(done);
  EXPECT_EQ(parse_console_line(done[2]).head, "CTRL:ACK");
}

// Item 6: STATUS ignores what follows it.
TEST_F(NodeTest, StatusIgnoresWhatFollowsIt) {
  const auto plain = rig.serial("STATUS");
  for (const char* line : {"STATUS extra", "STATUS:0"}) {
    const auto lines = rig.serial(line);
    ASSERT_EQ(lines.size(), 9u) << line << ": " << joined(lines);
    EXPECT_EQ(parse_console_line(lines[0]).head, "CTRL:ACK");
    EXPECT_EQ(std::vector<std::string>(lines.begin() + 1, lines.end()),
              std::vector<std::string>(plain.begin() + 1, plain.end()));
  }
}

// Item 7: a bare family word is a parameter error of that family.
TEST_F(NodeTest, ABareFamilyWordIsAParameterError) {
  const auto net = one_line("NET");
  EXPECT_EQ(net.text, "CTRL:ERR msg_id=" + net.at("msg_id") + " E03 BAD_PARAM requested=");
  const auto mqtt = one_line("MQTT");
  EXPECT_EQ(mqtt.text,
            "CTRL:ERR msg_id=" + mqtt.at("msg_id") + " MQTT_BAD_PARAM MISSING_SUBCOMMAND");
  EXPECT_EQ(one_line("NET:FOO").words, (Words{"E01", "BAD_CMD"}))
      << "an unknown subcommand stays unknown";
}

// Item 8 is in node_motion_test.cpp (LastOpTimingForAllMotorsIsAckTableThenAPlainDone).

}  // namespace
}  // namespace hil::sim::testing
