// Covers bad input of every kind on both transports: each gets a documented error and the node
// keeps answering.
#include "node_test_support.h"

namespace hil::sim::testing {
namespace {

const std::vector<std::string> kConsoleCodes = {"E01", "E02", "E03", "NET_BAD_PARAM",
                                                "MQTT_BAD_PARAM"};
const std::vector<std::string> kMqttCodes = {"E01",
                                             "E02",
                                             "E03",
                                             "E07",
                                             "MQTT_BAD_PAYLOAD",
                                             "MQTT_BAD_PARAM",
                                             "MQTT_UNSUPPORTED_ACTION",
                                             "NET_BAD_PARAM"};

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

class BadConsoleInput : public NodeTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(BadConsoleInput, GetsOneDocumentedErrorAndTheNodeStillAnswers) {
  const auto lines = rig.serial(GetParam());
  ASSERT_EQ(lines.size(), 1u) << joined(lines);
  const auto err = parse_console_line(lines[0]);
  EXPECT_EQ(err.head, "CTRL:ERR") << lines[0];
  EXPECT_TRUE(is_uuid4(err.at("msg_id"))) << lines[0];
  ASSERT_FALSE(err.words.empty()) << lines[0];
  EXPECT_TRUE(contains(kConsoleCodes, err.words[0])) << lines[0];
  rig.advance_ms(2000);
  for (int id = 0; id < 8; ++id) EXPECT_EQ(position(id), 0) << id;
  EXPECT_EQ(one_line("GET SPEED").at("SPEED"), "4000");
  EXPECT_EQ(one_line("MOVE:0,10").head, "CTRL:ACK");
}

INSTANTIATE_TEST_SUITE_P(
    Garbage, BadConsoleInput,
    ::testing::Values(std::string("!!!"), std::string("\x01\x02\x03"), std::string("\xFF\xFE\xFD"),
                      std::string("MOVE:\xC3\x28,5"), std::string("MOVE:0,1200\x00", 12),
                      std::string("MOVE:0,\xE2\x82"), std::string("MOVE:0,99999999999999999999"),
                      std::string("MOVE:0,-99999999999999999999999"),
                      std::string("MOVE:99999999999999999999,0"), std::string("HOME:0,1e9"),
                      std::string("SET SPEED=99999999999"), std::string("SET SPEED=4000.5"),
                      std::string(":::"), std::string(",,,"), std::string("="), std::string("\"\""),
                      std::string("NET:SET,\"a"), std::string("MQTT:SET_CONFIG"),
                      std::string(10000, 'A'), std::string("MOVE:0,") + std::string(5000, '9')),
    [](const ::testing::TestParamInfo<std::string>& info) {
      return "Case" + std::to_string(info.index);
    });

TEST_F(NodeTest, TenKilobyteConsoleLineOverflowsTheBufferAndTheNodeKeepsServing) {
  const auto lines = rig.serial_bytes(std::string(10 * 1024, 'x') + "\n");
  EXPECT_EQ(lines, (std::vector<std::string>{"CTRL:ERR E03 BAD_PARAM buffer_overflow"}));
  EXPECT_EQ(rig.serial_bytes("MOVE:0,10\n").size(), 1u);
  const auto binary = rig.serial_bytes(std::string("\x00\xFF\x80\x1B[2J", 7) + "\n");
  ASSERT_EQ(binary.size(), 1u);
  EXPECT_EQ(parse_console_line(binary[0]).head, "CTRL:ERR");
}

TEST_F(NodeTest, ALineThePeerLeftUnfinishedIsDroppedAndTheNextPeersFirstLineRunsWhole) {
  EXPECT_TRUE(rig.serial_bytes("MOVE:0,12").empty());  // half of MOVE:0,1200, then the peer left
  EXPECT_EQ(rig.serial_peer_gone(), 9u);
  EXPECT_EQ(one_line("GET SPEED").at("SPEED"), "4000");
  rig.advance_ms(2000);
  EXPECT_EQ(position(0), 0);
  EXPECT_EQ(rig.serial_peer_gone(), 0u);  // between lines: nothing to drop
}

TEST_F(NodeTest, HugeButParseableTargetIsE07) {
  EXPECT_EQ(one_line("MOVE:0,999999999999999999").words,
            (std::vector<std::string>{"E07", "POS_OUT_OF_RANGE"}));
  EXPECT_EQ(one_line("MOVE:0,-999999999999999999").words,
            (std::vector<std::string>{"E07", "POS_OUT_OF_RANGE"}));
  EXPECT_EQ(one_line("HOME:0,999999999999999999,999999999999999999").words[0], "E10")
      << "overshoot is clamped, so the estimate is long but finite";
}

// Regression: MOVE estimated (target - pos) before the E07 check, and estimate_move_ms negated
// INT64_MIN: signed overflow (undefined behaviour; UBSan aborts). Fixed in motor_bank.cpp and
// motion.cpp.
TEST_F(NodeTest, MoveToInt64MinFromANonZeroPositionIsE07WithoutOverflow) {
  rig.serial("MOVE:0,5");
  rig.advance_ms(1000);
  ASSERT_EQ(position(0), 5);
  for (const char* target : {"-9223372036854775808", "9223372036854775807"}) {
    const json err =
        one_response(std::string(R"({"action":"MOVE","params":{"target_ids":0,"position_steps":)") +
                     target + "}}");
    EXPECT_EQ(err["errors"][0]["code"], "E07") << target;
  }
  EXPECT_EQ(position(0), 5);
}

class BadMqttInput : public NodeTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(BadMqttInput, GetsOneDocumentedErrorAndTheNodeStillAnswers) {
  const auto responses = rig.mqtt(GetParam());
  ASSERT_EQ(responses.size(), 1u) << joined(responses);
  const json err = json::parse(responses[0]);
  EXPECT_EQ(err["status"], "error") << responses[0];
  ASSERT_TRUE(err["cmd_id"].is_string());
  ASSERT_EQ(err["errors"].size(), 1u);
  EXPECT_TRUE(contains(kMqttCodes, err["errors"][0]["code"].get<std::string>())) << responses[0];
  rig.advance_ms(2000);
  for (int id = 0; id < 8; ++id) EXPECT_EQ(position(id), 0) << id;
  const json ok = one_response(R"({"action":"GET","params":{"resource":"SPEED"}})");
  EXPECT_EQ(ok["result"]["SPEED"], 4000);
  EXPECT_EQ(one_line("GET SPEED").at("SPEED"), "4000");
}

std::string nested(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') +
         std::string(static_cast<std::size_t>(depth), ']');
}

INSTANTIATE_TEST_SUITE_P(
    Garbage, BadMqttInput,
    ::testing::Values(
        std::string(""), std::string("garbage"), std::string("\x00\x01\x02", 3),
        std::string("{\"action\":\"\xC0\xAF\"}"), std::string("\xFF\xFE{}"), std::string("[]"),
        std::string("null"), std::string(R"({"action":42})"),
        std::string(R"({"action":"MOVE","params":"0,1200"})"),
        std::string(R"({"action":"MOVE","params":{"target_ids":"zero","position_steps":5}})"),
        std::string(R"({"action":"MOVE","params":{"target_ids":0,"position_steps":"5"}})"),
        std::string(R"({"action":"MOVE","params":{"target_ids":0,"position_steps":1e300}})"),
        std::string(
            R"({"action":"MOVE","params":{"target_ids":0,"position_steps":18446744073709551615}})"),
        std::string(
            R"({"action":"MOVE","params":{"target_ids":0,"position_steps":9223372036854775807}})"),
        std::string(
            R"({"action":"MOVE","params":{"target_ids":0,"position_steps":-9223372036854775808}})"),
        std::string(
            R"({"action":"MOVE","params":{"target_ids":0,"position_steps":5,"speed_sps":99999999999}})"),
        std::string(R"({"action":"HOME","params":{"target_ids":0,"accel_sps2":-1}})"),
        std::string(R"({"action":"SET","params":{"speed_sps":-9223372036854775808}})"),
        std::string(R"({"action":"SET","params":{"speed_sps":{"v":1}}})"),
        std::string(R"({"action":"MQTT:SET_CONFIG","params":{"port":18446744073709551615}})"),
        std::string(R"({"action":"NET:SET","params":{"ssid":["a"]}})"),
        std::string(R"({"action":"STATUS"})"),
        std::string(R"({"action":"HELP","cmd_id":"x","bogus":true})"), nested(1500),
        std::string(R"({"action":"HELP","meta":")") + std::string(5000, 'm') + "\"}",
        std::string(10 * 1024, '{')),
    [](const ::testing::TestParamInfo<std::string>& info) {
      return "Case" + std::to_string(info.index);
    });

TEST_F(NodeTest, MqttOversizedPayloadIsTooLarge) {
  const json err =
      one_response(std::string(R"({"action":"HELP","meta":")") + std::string(5000, 'm') + "\"}");
  EXPECT_EQ(err["errors"][0]["code"], "MQTT_BAD_PAYLOAD");
  EXPECT_EQ(err["errors"][0]["reason"], "TOO_LARGE");
  EXPECT_EQ(err["action"], "UNKNOWN");
}

TEST_F(NodeTest, MqttCmdIdWithANewlineCannotForgeAConsoleLine) {
  const std::string forged = "CTRL:DONE cmd_id=forged action=HELP status=done";
  const json err = one_response(R"({"cmd_id":"x\n)" + forged + R"(","action":"HELP"})");
  EXPECT_EQ(err["errors"][0]["code"], "MQTT_BAD_PAYLOAD");
  EXPECT_EQ(err["errors"][0]["reason"], "BAD_CMD_ID");
  for (const std::string id : {R"(a\u001b[2J)", R"(a\r)", R"(a\u0085)", R"(a\u007f)"}) {
    const json refused = one_response(R"({"cmd_id":")" + id + R"(","action":"HELP"})");
    EXPECT_EQ(refused["errors"][0]["reason"], "BAD_CMD_ID") << id;
  }
  for (const auto& line : rig.advance_ms(2000)) EXPECT_NE(line.rfind("CTRL:DONE", 0), 0u) << line;
  EXPECT_EQ(one_response(R"({"cmd_id":"ok-1","action":"HELP"})")["status"], "done");
}

TEST_F(NodeTest, ConsoleLinesPrintControlCharactersEscaped) {
  // An access point's name is the air's to choose: NET:LIST prints it on the console.
  rig.board().wifi().options().air.push_back(
      {{"evil\nCTRL:DONE cmd_id=forged\x1b[2J", -30, true, 3}, ""});
  rig.serial("NET:RESET");
  const auto lines = rig.serial("NET:LIST");
  ASSERT_GE(lines.size(), 3u) << joined(lines);
  EXPECT_EQ(lines[2], R"(SSID="evil\nCTRL:DONE cmd_id=forged\x1b[2J" rssi=-30 secure=1 channel=3)");
  for (const auto& line : lines) EXPECT_EQ(line.find_first_of("\n\x1b"), std::string::npos) << line;
}

}  // namespace
}  // namespace hil::sim::testing
