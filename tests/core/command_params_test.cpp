// Covers command_to_params: console text -> Command -> params JSON -> parse_envelope gives the same
// Command.
#include <gtest/gtest.h>

#include <algorithm>

#include "firmware_core/common/text.h"
#include "firmware_core/stepper/mqtt_envelope.h"
#include "firmware_core/stepper/serial_grammar.h"

namespace hil::stepper {
namespace {

// Keys of SET are case-insensitive (MQTT names them by their console key) and a JSON object has no
// order, so compare the assignments upper-cased (SET) and sorted.
std::vector<std::pair<std::string, std::string>> normalised_assignments(
    const ParsedCommand& parsed) {
  auto out = parsed.command.assignments;
  if (parsed.name() == "SET") {
    for (auto& [key, value] : out) key = core::to_upper(key);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void expect_same_command(const ParsedCommand& pa, const ParsedCommand& pb,
                         const std::string& context) {
  SCOPED_TRACE(context);
  EXPECT_EQ(pa.name(), pb.name());
  const Command& a = pa.command;
  const Command& b = pb.command;
  EXPECT_EQ(a.motors, b.motors);
  EXPECT_EQ(a.target_steps, b.target_steps);
  EXPECT_EQ(a.speed_sps, b.speed_sps);
  EXPECT_EQ(a.accel_sps2, b.accel_sps2);
  EXPECT_EQ(a.overshoot_steps, b.overshoot_steps);
  EXPECT_EQ(a.backoff_steps, b.backoff_steps);
  EXPECT_EQ(a.full_range_steps, b.full_range_steps);
  EXPECT_EQ(a.resource, b.resource);
  EXPECT_EQ(a.timing_motors, b.timing_motors);
  EXPECT_EQ(normalised_assignments(pa), normalised_assignments(pb));
  EXPECT_EQ(a.reset, b.reset);
  EXPECT_EQ(a.ssid, b.ssid);
  EXPECT_EQ(a.pass, b.pass);
}

class CommandParamsRoundTrip : public ::testing::TestWithParam<const char*> {};

TEST_P(CommandParamsRoundTrip, SerialToParamsToEnvelopeGivesTheSameCommand) {
  const std::string text = GetParam();
  const ParsedCommand serial = parse_serial_command(text);
  ASSERT_FALSE(serial.problem) << text;
  ASSERT_TRUE(serial.row);
  nlohmann::json request = {
      {"cmd_id", "rt-1"}, {"action", serial.name()}, {"params", command_to_params(serial)}};
  const Envelope env = parse_envelope(request.dump());
  ASSERT_FALSE(env.payload_problem) << request.dump();
  ASSERT_FALSE(env.parsed.problem) << request.dump() << " -> " << env.parsed.problem->code_text()
                                   << " " << env.parsed.problem->detail;
  expect_same_command(serial, env.parsed, text + " via " + request.dump());
}

INSTANTIATE_TEST_SUITE_P(
    EveryCommandForm, CommandParamsRoundTrip,
    ::testing::Values(
        "MOVE:0,1200", "MOVE:ALL,-1200", "M:3,5,100,2000", "MOVE:1,7,,500", "HOME:ALL,600,150",
        "HOME:0,,100", "H:2,700,100,2000,9000,3000", "HOME:5", "WAKE:ALL", "WAKE:4", "SLEEP:0",
        "SLEEP:ALL", "GET", "GET ALL", "GET SPEED", "get accel", "GET DECEL",
        "GET THERMAL_LIMITING", "GET MICROSTEP", "GET LAST_OP_TIMING", "GET LAST_OP_TIMING:ALL",
        "GET LAST_OP_TIMING:6", "SET SPEED=5000", "SET ACCEL=8000 DECEL=0", "set speed=1",
        "SET THERMAL_LIMITING=OFF", "SET MICROSTEP=1/16", "SET MICROSTEP=HALF", "NET:STATUS",
        "NET:RESET", "NET:LIST", R"(NET:SET,"MyNet","password123")",
        R"(NET:SET,"My, Net","pa\"ss \\word")", R"(NET:SET,"Open")", "MQTT:GET_CONFIG",
        R"(MQTT:SET_CONFIG host=lab-broker.local port=1884 user=lab pass="newsecret")",
        "MQTT:SET_CONFIG port=1", "MQTT:SET_CONFIG RESET", "HELP"));

TEST(CommandToParams, MoveMatchesTheSchemaRequest) {
  const auto parsed = parse_serial_command("MOVE:0,1200");
  EXPECT_EQ(command_to_params(parsed),
            nlohmann::json::parse(R"({"target_ids":0,"position_steps":1200})"));
}

TEST(CommandToParams, HomeMatchesTheSchemaRequest) {
  const auto parsed = parse_serial_command("HOME:ALL,600,150");
  EXPECT_EQ(
      command_to_params(parsed),
      nlohmann::json::parse(R"({"target_ids":"ALL","overshoot_steps":600,"backoff_steps":150})"));
}

TEST(CommandToParams, SetAndNetSetAndMqttSetConfigMatchTheSchemaRequests) {
  EXPECT_EQ(command_to_params(parse_serial_command("SET SPEED=5000")),
            nlohmann::json::parse(R"({"speed_sps":5000})"));
  EXPECT_EQ(command_to_params(parse_serial_command("SET MICROSTEP=1/16")),
            nlohmann::json::parse(R"({"MICROSTEP":"1/16"})"));
  EXPECT_EQ(command_to_params(parse_serial_command(R"(NET:SET,"MyNet","password123")")),
            nlohmann::json::parse(R"({"ssid":"MyNet","pass":"password123"})"));
  EXPECT_EQ(command_to_params(parse_serial_command(
                "MQTT:SET_CONFIG host=lab-broker.local port=1884 user=lab pass=\"newsecret\"")),
            nlohmann::json::parse(
                R"({"host":"lab-broker.local","port":1884,"user":"lab","pass":"newsecret"})"));
  EXPECT_EQ(command_to_params(parse_serial_command("MQTT:SET_CONFIG RESET")),
            nlohmann::json::parse(R"({"reset":true})"));
}

TEST(CommandToParams, MotorListFromMqttRoundTripsAsAList) {
  const Envelope first = parse_envelope(R"({"action":"WAKE","params":{"target_ids":[1,6]}})");
  ASSERT_FALSE(first.parsed.problem);
  const nlohmann::json params = command_to_params(first.parsed);
  EXPECT_EQ(params["target_ids"], nlohmann::json::parse("[1,6]"));
  const Envelope second =
      parse_envelope(nlohmann::json{{"action", "WAKE"}, {"params", params}}.dump());
  EXPECT_EQ(second.parsed.command.motors, first.parsed.command.motors);
}

}  // namespace
}  // namespace hil::stepper
