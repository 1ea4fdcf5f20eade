// Covers firmware_core/stepper/serial_grammar.h: every console command form, shortcuts, case,
// E01/E02/E03.
#include "firmware_core/stepper/serial_grammar.h"

#include <gtest/gtest.h>

namespace hil::stepper {
namespace {

ParsedCommand ok(std::string_view text) {
  ParsedCommand parsed = parse_serial_command(text);
  EXPECT_FALSE(parsed.problem) << text << " -> "
                               << (parsed.problem ? parsed.problem->code_text() : "");
  EXPECT_TRUE(parsed.row) << text;
  return parsed;
}

std::string code_of(std::string_view text) {
  const ParsedCommand parsed = parse_serial_command(text);
  return parsed.problem ? parsed.problem->code_text() : "none";
}

TEST(SerialGrammar, MoveSchemaExample) {
  const auto p = ok("MOVE:0,1200");
  EXPECT_EQ(p.name(), "MOVE");
  EXPECT_EQ(p.command.motors, 0x01);
  EXPECT_EQ(p.command.target_steps, 1200);
  EXPECT_FALSE(p.command.speed_sps);
  EXPECT_FALSE(p.command.accel_sps2);
}

TEST(SerialGrammar, MoveAllWithNegativeTargetAndOptionalSpeedAndAccel) {
  const auto p = ok("MOVE:ALL,-300,1000,8000");
  EXPECT_EQ(p.command.motors, kAllMotors);
  EXPECT_EQ(p.command.target_steps, -300);
  EXPECT_EQ(p.command.speed_sps, 1000);
  EXPECT_EQ(p.command.accel_sps2, 8000);
}

TEST(SerialGrammar, MoveEmptySpeedPlaceLeavesItUnset) {
  const auto p = ok("MOVE:7,5,,8000");
  EXPECT_EQ(p.command.motors, 0x80);
  EXPECT_FALSE(p.command.speed_sps);
  EXPECT_EQ(p.command.accel_sps2, 8000);
}

TEST(SerialGrammar, MoveKeepsNonPositiveRatesForTheDispatcherToRefuse) {
  const auto p = ok("MOVE:0,5,0,-1");
  EXPECT_EQ(p.command.speed_sps, 0);
  EXPECT_EQ(p.command.accel_sps2, -1);
}

TEST(SerialGrammar, HomeSchemaExample) {
  const auto p = ok("HOME:ALL,600,150");
  EXPECT_EQ(p.name(), "HOME");
  EXPECT_EQ(p.command.motors, kAllMotors);
  EXPECT_EQ(p.command.overshoot_steps, 600);
  EXPECT_EQ(p.command.backoff_steps, 150);
  EXPECT_FALSE(p.command.speed_sps);
  EXPECT_FALSE(p.command.full_range_steps);
}

TEST(SerialGrammar, HomeWithEmptyPlaces) {
  const auto p = ok("HOME:0,,100");
  EXPECT_FALSE(p.command.overshoot_steps);
  EXPECT_EQ(p.command.backoff_steps, 100);
}

TEST(SerialGrammar, HomeAllSixPlacesInNotesOrder) {
  // HOME:<id|ALL>[,overshoot][,backoff][,speed][,accel][,full_range]
  const auto p = ok("HOME:3,700,100,2000,9000,3000");
  EXPECT_EQ(p.command.motors, 0x08);
  EXPECT_EQ(p.command.overshoot_steps, 700);
  EXPECT_EQ(p.command.backoff_steps, 100);
  EXPECT_EQ(p.command.speed_sps, 2000);
  EXPECT_EQ(p.command.accel_sps2, 9000);
  EXPECT_EQ(p.command.full_range_steps, 3000);
}

TEST(SerialGrammar, HomeBareTargetUsesDefaults) {
  const auto p = ok("HOME:1");
  EXPECT_EQ(p.command.motors, 0x02);
  EXPECT_FALSE(p.command.overshoot_steps);
  EXPECT_FALSE(p.command.backoff_steps);
}

TEST(SerialGrammar, HomeWithTooManyPlacesIsE03) { EXPECT_EQ(code_of("HOME:0,1,2,3,4,5,6"), "E03"); }

TEST(SerialGrammar, WakeAndSleep) {
  EXPECT_EQ(ok("WAKE:ALL").name(), "WAKE");
  EXPECT_EQ(ok("WAKE:ALL").command.motors, kAllMotors);
  EXPECT_EQ(ok("SLEEP:0").name(), "SLEEP");
  EXPECT_EQ(ok("SLEEP:0").command.motors, 0x01);
  EXPECT_EQ(code_of("WAKE:0,1"), "E03");
  EXPECT_EQ(code_of("SLEEP"), "E03");
}

TEST(SerialGrammar, StatusAndItsShortcut) {
  EXPECT_EQ(ok("STATUS").name(), "STATUS");
  EXPECT_EQ(ok("ST").name(), "STATUS");
  EXPECT_EQ(ok("st").name(), "STATUS");
}

// Issue 11, item 6: the original firmware prints the full status whatever follows STATUS.
TEST(SerialGrammar, StatusIgnoresWhatFollowsIt) {
  EXPECT_EQ(ok("STATUS:0").name(), "STATUS");
  EXPECT_EQ(ok("STATUS extra").name(), "STATUS");
  EXPECT_EQ(ok("ST 3").name(), "STATUS");
}

TEST(SerialGrammar, MoveAndHomeShortcuts) {
  const auto m = ok("M:2,100");
  EXPECT_EQ(m.name(), "MOVE");
  EXPECT_EQ(m.command.motors, 0x04);
  EXPECT_EQ(m.command.target_steps, 100);
  EXPECT_EQ(ok("H:ALL").name(), "HOME");
  EXPECT_EQ(ok("h:all,,100").command.backoff_steps, 100);
}

TEST(SerialGrammar, ActionsAndResourcesAreCaseInsensitive) {
  EXPECT_EQ(ok("move:all,5").command.motors, kAllMotors);
  EXPECT_EQ(ok("Home:All").name(), "HOME");
  EXPECT_EQ(ok("get speed").command.resource, "SPEED");
  EXPECT_EQ(ok("net:status").name(), "NET:STATUS");
  EXPECT_EQ(ok("Net:Reset").name(), "NET:RESET");
  EXPECT_EQ(ok("net:list").name(), "NET:LIST");
  EXPECT_EQ(ok("mqtt:get_config").name(), "MQTT:GET_CONFIG");
  EXPECT_TRUE(ok("mqtt:set_config reset").command.reset);
  EXPECT_EQ(ok("help").name(), "HELP");
  EXPECT_EQ(ok("set microstep=half").command.assignments.at(0).second, "half");
}

TEST(SerialGrammar, SurroundingWhitespaceIsIgnored) {
  EXPECT_EQ(ok("  MOVE:0,1200 \r").command.target_steps, 1200);
  EXPECT_EQ(ok("MOVE: 0 , 1200 ").command.target_steps, 1200);
}

TEST(SerialGrammar, GetAllAndBareGet) {
  EXPECT_EQ(ok("GET ALL").command.resource, "ALL");
  EXPECT_EQ(ok("GET").command.resource, "ALL");
  EXPECT_EQ(ok("GET SPEED").command.resource, "SPEED");
  EXPECT_EQ(ok("GET ACCEL").command.resource, "ACCEL");
  EXPECT_EQ(ok("GET DECEL").command.resource, "DECEL");
  EXPECT_EQ(ok("GET THERMAL_LIMITING").command.resource, "THERMAL_LIMITING");
  EXPECT_EQ(ok("GET MICROSTEP").command.resource, "MICROSTEP");
}

TEST(SerialGrammar, GetUnknownResourceIsLeftToTheDispatcher) {
  EXPECT_EQ(ok("GET BOGUS").command.resource, "BOGUS");
}

TEST(SerialGrammar, GetLastOpTimingForms) {
  const auto all = ok("GET LAST_OP_TIMING");
  EXPECT_EQ(all.command.resource, "LAST_OP_TIMING");
  EXPECT_EQ(all.command.timing_motors, kAllMotors);
  EXPECT_EQ(ok("GET LAST_OP_TIMING:ALL").command.timing_motors, kAllMotors);
  EXPECT_EQ(ok("get last_op_timing:5").command.timing_motors, 0x20);
  EXPECT_EQ(code_of("GET LAST_OP_TIMING:8"), "E02");
  EXPECT_EQ(code_of("GET LAST_OP_TIMINGX"), "E03");
}

TEST(SerialGrammar, GetWithColonOrCommaIsE03) {
  EXPECT_EQ(code_of("GET:SPEED"), "E03");
  EXPECT_EQ(code_of("GET,SPEED"), "E03");
}

TEST(SerialGrammar, SetOneAndSeveralAssignments) {
  const auto one = ok("SET SPEED=5000");
  EXPECT_EQ(one.name(), "SET");
  ASSERT_EQ(one.command.assignments.size(), 1u);
  EXPECT_EQ(one.command.assignments[0].first, "SPEED");
  EXPECT_EQ(one.command.assignments[0].second, "5000");
  const auto many = ok("SET SPEED=5000 ACCEL=8000 THERMAL_LIMITING=OFF");
  ASSERT_EQ(many.command.assignments.size(), 3u);
  EXPECT_EQ(many.command.assignments[2].first, "THERMAL_LIMITING");
  EXPECT_EQ(many.command.assignments[2].second, "OFF");
  EXPECT_EQ(ok("SET MICROSTEP=1/16").command.assignments[0].second, "1/16");
}

TEST(SerialGrammar, SetWithoutAssignmentIsE03) {
  EXPECT_EQ(code_of("SET"), "E03");
  EXPECT_EQ(code_of("SET SPEED"), "E03");
  EXPECT_EQ(code_of("SET =5"), "E03");
  EXPECT_EQ(code_of("SET:SPEED=5"), "E03");
}

TEST(SerialGrammar, NetCommandsWithoutArguments) {
  EXPECT_EQ(ok("NET:STATUS").name(), "NET:STATUS");
  EXPECT_EQ(ok("NET:RESET").name(), "NET:RESET");
  EXPECT_EQ(ok("NET:LIST").name(), "NET:LIST");
  EXPECT_EQ(ok("MQTT:GET_CONFIG").name(), "MQTT:GET_CONFIG");
  EXPECT_EQ(code_of("NET:STATUS extra"), "E03");
}

TEST(SerialGrammar, NetSetSchemaExample) {
  const auto p = ok(R"(NET:SET,"MyNet","password123")");
  EXPECT_EQ(p.name(), "NET:SET");
  EXPECT_EQ(p.command.ssid, "MyNet");
  EXPECT_EQ(p.command.pass, "password123");
}

TEST(SerialGrammar, NetSetQuotesAllowCommasSpacesAndEscapes) {
  const auto p = ok(R"(NET:SET,"My, Net","pa\"ss \\word")");
  EXPECT_EQ(p.command.ssid, "My, Net");
  EXPECT_EQ(p.command.pass, "pa\"ss \\word");
}

TEST(SerialGrammar, NetSetUnquotedAndWithoutPassword) {
  const auto bare = ok("NET:SET,Lab,secret123");
  EXPECT_EQ(bare.command.ssid, "Lab");
  EXPECT_EQ(bare.command.pass, "secret123");
  const auto open = ok(R"(NET:SET,"Open")");
  EXPECT_EQ(open.command.ssid, "Open");
  EXPECT_EQ(open.command.pass, "");
}

TEST(SerialGrammar, NetSetBrokenQuotingOrExtraPartsIsNetBadParam) {
  EXPECT_EQ(code_of(R"(NET:SET,"MyNet,"pass1234")"), "NET_BAD_PARAM");
  EXPECT_EQ(code_of(R"(NET:SET,"a","b","c")"), "NET_BAD_PARAM");
  EXPECT_EQ(code_of("NET:SET"), "NET_BAD_PARAM");
  EXPECT_EQ(parse_serial_command(R"(NET:SET,"unterminated)").problem->detail, "BAD_QUOTING");
}

TEST(SerialGrammar, MqttSetConfigSchemaExample) {
  const auto p = ok(R"(MQTT:SET_CONFIG host=lab-broker.local port=1884 user=lab pass="newsecret")");
  EXPECT_EQ(p.name(), "MQTT:SET_CONFIG");
  EXPECT_FALSE(p.command.reset);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"host", "lab-broker.local"}, {"port", "1884"}, {"user", "lab"}, {"pass", "newsecret"}};
  EXPECT_EQ(p.command.assignments, expected);
}

TEST(SerialGrammar, MqttSetConfigQuotedValueWithSpace) {
  const auto p = ok(R"(MQTT:SET_CONFIG pass="two words")");
  ASSERT_EQ(p.command.assignments.size(), 1u);
  EXPECT_EQ(p.command.assignments[0].second, "two words");
}

TEST(SerialGrammar, MqttSetConfigResetAndDefaults) {
  EXPECT_TRUE(ok("MQTT:SET_CONFIG RESET").command.reset);
  EXPECT_TRUE(ok("MQTT:SET_CONFIG DEFAULTS").command.reset);
  EXPECT_TRUE(ok("MQTT:SET_CONFIG reset").command.assignments.empty());
}

TEST(SerialGrammar, MqttSetConfigWithoutFieldsIsMqttBadParam) {
  EXPECT_EQ(code_of("MQTT:SET_CONFIG"), "MQTT_BAD_PARAM");
  EXPECT_EQ(code_of("MQTT:SET_CONFIG host"), "MQTT_BAD_PARAM");
}

TEST(SerialGrammar, Help) {
  EXPECT_EQ(ok("HELP").name(), "HELP");
  EXPECT_EQ(code_of("HELP me"), "E03");
}

TEST(SerialGrammar, BadMotorIdsAreE02) {
  for (const char* text : {"MOVE:8,0", "MOVE:-1,0", "MOVE:x,0", "MOVE:,0", "MOVE:1.0,0", "HOME:9",
                           "WAKE:ALLX", "SLEEP:99999999999999999999", "M:0x1,5"}) {
    EXPECT_EQ(code_of(text), "E02") << text;
  }
  EXPECT_EQ(parse_serial_command("MOVE:8,0").name(), "MOVE") << "the action is still known";
}

TEST(SerialGrammar, BadNumbersAreE03) {
  for (const char* text : {"MOVE:0", "MOVE:0,", "MOVE:0,abc", "MOVE:0,12.5", "MOVE:0,1e3",
                           "MOVE:0,1,2,3,4", "MOVE:0,99999999999999999999", "MOVE:0,100,fast",
                           "HOME:0,x", "HOME:0,,,,,1.5", "MOVE 0,100", "MOVE,0,100", "MOVE"}) {
    EXPECT_EQ(code_of(text), "E03") << text;
  }
}

TEST(SerialGrammar, UnknownActionsAreE01WithoutAnAction) {
  for (const char* text : {"FOO", "", "MOVEX:0,1", "NET:SETX", "NET:FOO", "MQTT:GET", "\x01\x02",
                           "G ET", "STATUSES", "\xC3\xA9"}) {
    const auto parsed = parse_serial_command(text);
    ASSERT_TRUE(parsed.problem) << text;
    EXPECT_EQ(parsed.problem->code_text(), "E01") << text;
    EXPECT_FALSE(parsed.row) << text;
  }
}

// Issue 11, item 7: a family word alone is a parameter error of that family, not an unknown
// command.
TEST(SerialGrammar, ABareFamilyWordIsAParameterError) {
  for (const char* text : {"NET", "net", "NET:"}) {
    const auto parsed = parse_serial_command(text);
    ASSERT_TRUE(parsed.problem) << text;
    EXPECT_EQ(parsed.problem->code_text(), "E03") << text;
    ASSERT_EQ(parsed.problem->fields.size(), 1u) << text;
    EXPECT_EQ(parsed.problem->fields[0].key, "requested");
    EXPECT_TRUE(parsed.row) << "reported as the family's command";
  }
  const auto mqtt = parse_serial_command("MQTT");
  ASSERT_TRUE(mqtt.problem);
  EXPECT_EQ(mqtt.problem->code_text(), "MQTT_BAD_PARAM");
  EXPECT_EQ(mqtt.problem->detail, "MISSING_SUBCOMMAND");
}

// Issue 11, item 8: an empty id after LAST_OP_TIMING: means every motor, as no id does.
TEST(SerialGrammar, LastOpTimingWithAnEmptyIdIsEveryMotor) {
  for (const char* text : {"GET LAST_OP_TIMING", "GET LAST_OP_TIMING:ALL",
                           "GET LAST_OP_TIMING:", "GET last_op_timing: "}) {
    const auto parsed = ok(text);
    ASSERT_TRUE(parsed.command.timing_motors) << text;
    EXPECT_EQ(*parsed.command.timing_motors, kAllMotors) << text;
  }
  EXPECT_EQ(code_of("GET LAST_OP_TIMING:9"), "E02");
}

TEST(SerialGrammar, ParseMotorTarget) {
  EXPECT_EQ(parse_motor_target("0"), 0x01);
  EXPECT_EQ(parse_motor_target("7"), 0x80);
  EXPECT_EQ(parse_motor_target(" all "), kAllMotors);
  EXPECT_FALSE(parse_motor_target("8"));
  EXPECT_FALSE(parse_motor_target("-0x1"));
  EXPECT_FALSE(parse_motor_target(""));
}

}  // namespace
}  // namespace hil::stepper
