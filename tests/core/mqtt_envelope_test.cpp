// Covers firmware_core/stepper/mqtt_envelope.h: parse_envelope on every schema request and every
// malformed kind.
#include "firmware_core/stepper/mqtt_envelope.h"

#include <gtest/gtest.h>

namespace hil::stepper {
namespace {

Envelope good(std::string_view payload) {
  Envelope env = parse_envelope(payload);
  EXPECT_FALSE(env.payload_problem) << payload << " -> " << env.payload_problem->detail;
  EXPECT_FALSE(env.parsed.problem)
      << payload << " -> " << env.parsed.problem->code_text() << " " << env.parsed.problem->detail;
  return env;
}

std::string field_value(const Problem& problem, const std::string& key) {
  for (const auto& field : problem.fields) {
    if (field.key == key) return std::get<std::string>(field.value);
  }
  return "<none>";
}

TEST(MqttEnvelope, MoveSchemaExample) {
  const auto env =
      good(R"({"cmd_id":"6c01","action":"MOVE","params":{"target_ids":0,"position_steps":1200}})");
  EXPECT_EQ(env.cmd_id, "6c01");
  EXPECT_EQ(env.action_name, "MOVE");
  EXPECT_EQ(env.parsed.name(), "MOVE");
  EXPECT_EQ(env.parsed.command.motors, 0x01);
  EXPECT_EQ(env.parsed.command.target_steps, 1200);
}

TEST(MqttEnvelope, HomeSchemaExample) {
  const auto env = good(
      R"({"cmd_id":"48","action":"HOME","params":{"target_ids":"ALL","overshoot_steps":600,"backoff_steps":150}})");
  EXPECT_EQ(env.parsed.name(), "HOME");
  EXPECT_EQ(env.parsed.command.motors, kAllMotors);
  EXPECT_EQ(env.parsed.command.overshoot_steps, 600);
  EXPECT_EQ(env.parsed.command.backoff_steps, 150);
}

TEST(MqttEnvelope, WakeAndSleepSchemaExamples) {
  const auto wake = good(R"({"cmd_id":"a5","action":"WAKE","params":{"target_ids":"ALL"}})");
  EXPECT_EQ(wake.parsed.name(), "WAKE");
  EXPECT_EQ(wake.parsed.command.motors, kAllMotors);
  const auto sleep = good(R"({"cmd_id":"44","action":"SLEEP","params":{"target_ids":0}})");
  EXPECT_EQ(sleep.parsed.name(), "SLEEP");
  EXPECT_EQ(sleep.parsed.command.motors, 0x01);
}

TEST(MqttEnvelope, GetSchemaExamplesNormaliseTheResource) {
  EXPECT_EQ(
      good(R"({"cmd_id":"03","action":"GET","params":{"resource":"ALL"}})").parsed.command.resource,
      "ALL");
  EXPECT_EQ(good(R"({"cmd_id":"03","action":"GET","params":{"resource":"speed"}})")
                .parsed.command.resource,
            "SPEED");
  EXPECT_EQ(good(R"({"cmd_id":"7b","action":"GET","params":{"resource":"MICROSTEP"}})")
                .parsed.command.resource,
            "MICROSTEP");
  EXPECT_EQ(good(R"({"action":"GET"})").parsed.command.resource, "ALL");
}

TEST(MqttEnvelope, GetLastOpTimingWithTargetIds) {
  const auto env =
      good(R"({"action":"GET","params":{"resource":"LAST_OP_TIMING","target_ids":3}})");
  EXPECT_EQ(env.parsed.command.timing_motors, 0x08);
  const auto bad = parse_envelope(
      R"({"action":"GET","params":{"resource":"LAST_OP_TIMING","target_ids":[1,2]}})");
  ASSERT_TRUE(bad.parsed.problem);
  EXPECT_EQ(bad.parsed.problem->detail, "ONE_ID_OR_ALL");
}

TEST(MqttEnvelope, SetSchemaExamples) {
  const auto speed = good(R"({"cmd_id":"0f","action":"SET","params":{"speed_sps":5000}})");
  ASSERT_EQ(speed.parsed.command.assignments.size(), 1u);
  EXPECT_EQ(speed.parsed.command.assignments[0],
            (std::pair<std::string, std::string>{"SPEED", "5000"}));
  const auto micro = good(R"({"cmd_id":"5a","action":"SET","params":{"MICROSTEP":"1/16"}})");
  ASSERT_EQ(micro.parsed.command.assignments.size(), 1u);
  EXPECT_EQ(micro.parsed.command.assignments[0],
            (std::pair<std::string, std::string>{"MICROSTEP", "1/16"}));
}

TEST(MqttEnvelope, SetThermalLimitingAcceptsBooleanOrText) {
  EXPECT_EQ(good(R"({"action":"SET","params":{"thermal_limiting":false}})")
                .parsed.command.assignments[0]
                .second,
            "OFF");
  EXPECT_EQ(good(R"({"action":"SET","params":{"thermal_limiting":"ON"}})")
                .parsed.command.assignments[0]
                .second,
            "ON");
}

TEST(MqttEnvelope, NetActionsSchemaExamples) {
  EXPECT_EQ(good(R"({"cmd_id":"7e","action":"NET:STATUS"})").parsed.name(), "NET:STATUS");
  EXPECT_EQ(good(R"({"cmd_id":"51","action":"NET:RESET"})").parsed.name(), "NET:RESET");
  EXPECT_EQ(good(R"({"cmd_id":"29","action":"NET:LIST"})").parsed.name(), "NET:LIST");
  const auto set =
      good(R"({"cmd_id":"b4","action":"NET:SET","params":{"ssid":"MyNet","pass":"password123"}})");
  EXPECT_EQ(set.parsed.name(), "NET:SET");
  EXPECT_EQ(set.parsed.command.ssid, "MyNet");
  EXPECT_EQ(set.parsed.command.pass, "password123");
  EXPECT_EQ(set.action_name, "NET:SET");
}

TEST(MqttEnvelope, MqttConfigSchemaExamples) {
  EXPECT_EQ(good(R"({"cmd_id":"d3","action":"MQTT:GET_CONFIG"})").parsed.name(), "MQTT:GET_CONFIG");
  const auto set = good(
      R"({"cmd_id":"c8","action":"MQTT:SET_CONFIG","params":{"host":"lab-broker.local","port":1884,"user":"lab","pass":"newsecret"}})");
  EXPECT_EQ(set.parsed.name(), "MQTT:SET_CONFIG");
  EXPECT_FALSE(set.parsed.command.reset);
  EXPECT_EQ(set.parsed.command.assignments.size(), 4u);
  const auto reset = good(R"({"cmd_id":"e1","action":"MQTT:SET_CONFIG","params":{"reset":true}})");
  EXPECT_TRUE(reset.parsed.command.reset);
  EXPECT_TRUE(reset.parsed.command.assignments.empty());
}

TEST(MqttEnvelope, HelpSchemaExample) {
  const auto env = good(R"({"cmd_id":"aa","action":"HELP"})");
  EXPECT_EQ(env.parsed.name(), "HELP");
}

TEST(MqttEnvelope, ActionIsCaseInsensitiveAndNormalisedToUpperCase) {
  const auto env = good(R"({"action":"net:status"})");
  EXPECT_EQ(env.action_name, "NET:STATUS");
  EXPECT_EQ(good(R"({"action":"move","params":{"target_ids":1,"position_steps":5}})").action_name,
            "MOVE");
}

TEST(MqttEnvelope, CmdIdIsOptionalAndMetaIsIgnored) {
  const auto env = good(R"({"action":"HELP","meta":{"anything":[1,2,3]}})");
  EXPECT_FALSE(env.cmd_id);
}

TEST(MqttEnvelope, TargetIdsAsStringNumberOrList) {
  EXPECT_EQ(good(R"({"action":"WAKE","params":{"target_ids":"3"}})").parsed.command.motors, 0x08);
  EXPECT_EQ(good(R"({"action":"WAKE","params":{"target_ids":"all"}})").parsed.command.motors,
            kAllMotors);
  EXPECT_EQ(good(R"({"action":"WAKE","params":{"target_ids":[0,2]}})").parsed.command.motors, 0x05);
}

TEST(MqttEnvelope, MoveOptionalSpeedAndAccel) {
  const auto env = good(
      R"({"action":"MOVE","params":{"target_ids":0,"position_steps":-5,"speed_sps":100,"accel_sps2":2000}})");
  EXPECT_EQ(env.parsed.command.speed_sps, 100);
  EXPECT_EQ(env.parsed.command.accel_sps2, 2000);
  EXPECT_EQ(env.parsed.command.target_steps, -5);
}

TEST(MqttEnvelope, InvalidJsonIsBadPayloadWithActionUnknown) {
  for (const char* text :
       {"", "not json", "{", R"({"action":"MOVE",})", "{'action':'HELP'}", "nul"}) {
    const auto env = parse_envelope(text);
    ASSERT_TRUE(env.payload_problem) << text;
    EXPECT_EQ(env.payload_problem->code_text(), "MQTT_BAD_PAYLOAD");
    EXPECT_EQ(env.payload_problem->detail, "INVALID_JSON") << text;
    EXPECT_EQ(env.action_name, "UNKNOWN");
    EXPECT_FALSE(env.cmd_id);
  }
}

TEST(MqttEnvelope, NonObjectJsonIsBadPayload) {
  for (const char* text : {"[]", "[1,2]", "42", R"("MOVE")", "null", "true"}) {
    const auto env = parse_envelope(text);
    ASSERT_TRUE(env.payload_problem) << text;
    EXPECT_EQ(env.payload_problem->detail, "NOT_AN_OBJECT") << text;
  }
}

TEST(MqttEnvelope, InvalidUtf8IsBadPayload) {
  const auto env = parse_envelope("{\"action\":\"HELP\",\"cmd_id\":\"\xC0\xAF\"}");
  ASSERT_TRUE(env.payload_problem);
  EXPECT_EQ(env.payload_problem->detail, "INVALID_UTF8");
  EXPECT_EQ(env.action_name, "UNKNOWN");
}

TEST(MqttEnvelope, PayloadOver4096BytesIsTooLargeAndExactly4096IsAccepted) {
  const std::string head = R"({"action":"HELP","meta":{"pad":")";
  const std::string tail = R"("}})";
  std::string exact =
      head + std::string(kMaxMqttPayloadBytes - head.size() - tail.size(), 'x') + tail;
  ASSERT_EQ(exact.size(), 4096u);
  good(exact);
  std::string over =
      head + std::string(kMaxMqttPayloadBytes + 1 - head.size() - tail.size(), 'x') + tail;
  const auto env = parse_envelope(over);
  ASSERT_TRUE(env.payload_problem);
  EXPECT_EQ(env.payload_problem->detail, "TOO_LARGE");
}

TEST(MqttEnvelope, MissingOrNonStringActionIsBadPayload) {
  for (const char* text : {R"({})", R"({"cmd_id":"x"})", R"({"action":5})", R"({"action":""})",
                           R"({"action":null})", R"({"action":["MOVE"]})"}) {
    const auto env = parse_envelope(text);
    ASSERT_TRUE(env.payload_problem) << text;
    EXPECT_EQ(env.payload_problem->code_text(), "MQTT_BAD_PAYLOAD");
    EXPECT_EQ(env.payload_problem->detail, "MISSING_ACTION") << text;
    EXPECT_EQ(env.action_name, "UNKNOWN");
  }
}

TEST(MqttEnvelope, BadCmdIdIsBadPayload) {
  for (const char* text : {R"({"cmd_id":5,"action":"HELP"})", R"({"cmd_id":"","action":"HELP"})",
                           R"({"cmd_id":null,"action":"HELP"})"}) {
    const auto env = parse_envelope(text);
    ASSERT_TRUE(env.payload_problem) << text;
    EXPECT_EQ(env.payload_problem->detail, "BAD_CMD_ID") << text;
  }
  const std::string long_id = R"({"cmd_id":")" + std::string(65, 'a') + R"(","action":"HELP"})";
  EXPECT_EQ(parse_envelope(long_id).payload_problem->detail, "BAD_CMD_ID");
  for (const char* control : {"\\n", "\\r", "\\t", "\\u001b", "\\u007f", "\\u0085"}) {
    const std::string id = std::string(R"({"cmd_id":"a)") + control + R"(b","action":"HELP"})";
    EXPECT_EQ(parse_envelope(id).payload_problem->detail, "BAD_CMD_ID") << id;
  }
  EXPECT_EQ(good(R"({"cmd_id":"caf\u00e9 1","action":"HELP"})").cmd_id, "caf\xC3\xA9 1");
  const std::string ok_id = R"({"cmd_id":")" + std::string(64, 'a') + R"(","action":"HELP"})";
  EXPECT_EQ(good(ok_id).cmd_id, std::string(64, 'a'));
}

TEST(MqttEnvelope, UnknownTopLevelFieldIsBadPayloadNamingTheField) {
  const auto env = parse_envelope(R"({"cmd_id":"k1","action":"HELP","extra":1})");
  ASSERT_TRUE(env.payload_problem);
  EXPECT_EQ(env.payload_problem->detail, "UNSUPPORTED_FIELD");
  EXPECT_EQ(field_value(*env.payload_problem, "field"), "extra");
  EXPECT_EQ(env.cmd_id, "k1") << "a usable cmd_id is still echoed";
}

TEST(MqttEnvelope, UnknownActionIsE01) {
  const auto env = parse_envelope(R"({"cmd_id":"u1","action":"dance"})");
  EXPECT_FALSE(env.payload_problem);
  ASSERT_TRUE(env.parsed.problem);
  EXPECT_EQ(env.parsed.problem->code_text(), "E01");
  EXPECT_EQ(env.action_name, "DANCE");
}

TEST(MqttEnvelope, StatusIsNotAvailableOverMqtt) {
  for (const char* text : {R"({"action":"STATUS"})", R"({"action":"st"})"}) {
    const auto env = parse_envelope(text);
    ASSERT_TRUE(env.parsed.problem) << text;
    EXPECT_EQ(env.parsed.problem->code_text(), "MQTT_UNSUPPORTED_ACTION");
    EXPECT_EQ(env.action_name, "STATUS");
  }
}

TEST(MqttEnvelope, ParamsThatAreNotAnObjectAreWrongType) {
  for (const char* text :
       {R"({"action":"MOVE","params":[0,1200]})", R"({"action":"MOVE","params":"0,1200"})",
        R"({"action":"HELP","params":5})"}) {
    const auto env = parse_envelope(text);
    EXPECT_FALSE(env.payload_problem) << text;
    ASSERT_TRUE(env.parsed.problem) << text;
    EXPECT_EQ(env.parsed.problem->code_text(), "MQTT_BAD_PARAM");
    EXPECT_EQ(env.parsed.problem->detail, "WRONG_TYPE");
    EXPECT_EQ(field_value(*env.parsed.problem, "field"), "params");
  }
}

TEST(MqttEnvelope, WrongParamTypesAreMqttBadParamWrongType) {
  for (const char* text : {
           R"({"action":"MOVE","params":{"target_ids":0,"position_steps":"1200"}})",
           R"({"action":"MOVE","params":{"target_ids":0,"position_steps":12.5}})",
           R"({"action":"MOVE","params":{"target_ids":0,"position_steps":true}})",
           R"({"action":"MOVE","params":{"target_ids":0,"position_steps":1e30}})",
           R"({"action":"MOVE","params":{"target_ids":0,"position_steps":5,"speed_sps":"fast"}})",
           R"({"action":"HOME","params":{"target_ids":0,"backoff_steps":[1]}})",
           R"({"action":"NET:SET","params":{"ssid":5}})",
           R"({"action":"GET","params":{"resource":7}})",
           R"({"action":"SET","params":{"speed_sps":1.5}})",
           R"({"action":"MQTT:SET_CONFIG","params":{"reset":"yes"}})",
           R"({"action":"MQTT:SET_CONFIG","params":{"port":{}}})",
       }) {
    const auto env = parse_envelope(text);
    ASSERT_TRUE(env.parsed.problem) << text;
    EXPECT_EQ(env.parsed.problem->code_text(), "MQTT_BAD_PARAM") << text;
    EXPECT_EQ(env.parsed.problem->detail, "WRONG_TYPE") << text;
  }
}

TEST(MqttEnvelope, UnknownParamFieldsAreUnsupportedField) {
  for (const char* text :
       {R"({"action":"MOVE","params":{"target_ids":0,"position_steps":5,"turbo":1}})",
        R"({"action":"WAKE","params":{"target_ids":0,"x":1}})",
        R"({"action":"SET","params":{"colour":"red"}})",
        R"({"action":"HELP","params":{"verbose":true}})"}) {
    const auto env = parse_envelope(text);
    ASSERT_TRUE(env.parsed.problem) << text;
    EXPECT_EQ(env.parsed.problem->code_text(), "MQTT_BAD_PARAM") << text;
    EXPECT_EQ(env.parsed.problem->detail, "UNSUPPORTED_FIELD") << text;
  }
}

TEST(MqttEnvelope, HugeUnsignedNumberIsOutOfRange) {
  const auto env = parse_envelope(
      R"({"action":"MOVE","params":{"target_ids":0,"position_steps":18446744073709551615}})");
  ASSERT_TRUE(env.parsed.problem);
  EXPECT_EQ(env.parsed.problem->detail, "OUT_OF_RANGE");
}

TEST(MqttEnvelope, MissingRequiredParams) {
  const auto no_target = parse_envelope(R"({"action":"MOVE","params":{"position_steps":5}})");
  ASSERT_TRUE(no_target.parsed.problem);
  EXPECT_EQ(no_target.parsed.problem->detail, "MISSING_FIELD");
  EXPECT_EQ(field_value(*no_target.parsed.problem, "field"), "target_ids");
  const auto no_position = parse_envelope(R"({"action":"MOVE","params":{"target_ids":0}})");
  ASSERT_TRUE(no_position.parsed.problem);
  EXPECT_EQ(field_value(*no_position.parsed.problem, "field"), "position_steps");
  EXPECT_EQ(parse_envelope(R"({"action":"MOVE"})").parsed.problem->detail, "MISSING_FIELD");
  EXPECT_EQ(
      parse_envelope(R"({"action":"NET:SET","params":{"pass":"x"}})").parsed.problem->code_text(),
      "NET_BAD_PARAM");
  EXPECT_EQ(parse_envelope(R"({"action":"SET","params":{}})").parsed.problem->detail,
            "MISSING_FIELD");
  EXPECT_EQ(parse_envelope(R"({"action":"MQTT:SET_CONFIG","params":{}})").parsed.problem->detail,
            "NO_FIELDS");
}

TEST(MqttEnvelope, BadTargetIdsAreE02) {
  for (const char* text : {R"({"action":"WAKE","params":{"target_ids":8}})",
                           R"({"action":"WAKE","params":{"target_ids":-1}})",
                           R"({"action":"WAKE","params":{"target_ids":"NONE"}})",
                           R"({"action":"WAKE","params":{"target_ids":[]}})",
                           R"({"action":"WAKE","params":{"target_ids":[[0]]}})",
                           R"({"action":"WAKE","params":{"target_ids":1.0}})"}) {
    const auto env = parse_envelope(text);
    ASSERT_TRUE(env.parsed.problem) << text;
    EXPECT_EQ(env.parsed.problem->code_text(), "E02") << text;
  }
}

}  // namespace
}  // namespace hil::stepper
