// Covers every serial and MQTT example of stepper-command-schema.md, run through VirtualStepperRig.
#include "node_test_support.h"

namespace hil::sim::testing {
namespace {

using Fields = std::map<std::string, std::string>;

// ---- MOVE ----------------------------------------------------------------------------------

TEST_F(NodeTest, MoveSerialExampleAcksWithEstimateThenDonesWithTheSameId) {
  const auto ack = one_line("MOVE:0,1200");
  EXPECT_EQ(ack.head, "CTRL:ACK");
  EXPECT_TRUE(is_uuid4(ack.at("msg_id"))) << ack.text;
  EXPECT_EQ(ack.fields_without_id(), (Fields{{"est_ms", "550"}}));
  const auto later = rig.advance_ms(1000);
  ASSERT_EQ(later.size(), 1u) << joined(later);
  const auto done = parse_console_line(later[0]);
  EXPECT_EQ(done.head, "CTRL:DONE");
  EXPECT_EQ(done.at("cmd_id"), ack.at("msg_id"))
      << "the ACK msg_id of a command equals its DONE cmd_id";
  EXPECT_EQ(done.fields_without_id(),
            (Fields{{"action", "MOVE"}, {"actual_ms", "550"}, {"status", "done"}}));
  EXPECT_EQ(position(0), 1200);
}

TEST_F(NodeTest, MoveMqttExampleAcksThenCompletesOnCmdResp) {
  const json ack = one_response(
      R"({"cmd_id":"6c0de3a1","action":"MOVE","params":{"target_ids":0,"position_steps":1200}})");
  EXPECT_EQ(ack,
            json::parse(
                R"({"cmd_id":"6c0de3a1","action":"MOVE","status":"ack","result":{"est_ms":550}})"));
  rig.take_published();
  rig.advance_ms(1000);
  const auto responses = on_topic(rig.take_published(), rig.node_id(), "cmd/resp");
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(
      json::parse(responses[0].payload),
      json::parse(
          R"({"cmd_id":"6c0de3a1","action":"MOVE","status":"done","result":{"actual_ms":550}})"));
  EXPECT_EQ(responses[0].qos, 1);
  EXPECT_EQ(position(0), 1200);
}

TEST_F(NodeTest, MqttCommandWithoutCmdIdGetsAUuidEchoedInEveryResponse) {
  const json ack =
      one_response(R"({"action":"MOVE","params":{"target_ids":0,"position_steps":100}})");
  const std::string id = ack["cmd_id"];
  EXPECT_TRUE(is_uuid4(id)) << id;
  rig.take_published();
  rig.advance_ms(1000);
  const auto responses = on_topic(rig.take_published(), rig.node_id(), "cmd/resp");
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(json::parse(responses[0].payload)["cmd_id"], id);
}

// ---- HOME ----------------------------------------------------------------------------------

TEST_F(NodeTest, HomeSerialExampleAcksTheThreeLegEstimateAndDonesNearIt) {
  const auto ack = one_line("HOME:ALL,600,150");
  EXPECT_EQ(ack.head, "CTRL:ACK");
  // est(2400 + 600) + est(150) + est(2400 / 2) = 1000 + 194 + 550.
  EXPECT_EQ(ack.fields_without_id(), (Fields{{"est_ms", "1744"}}));
  const auto later = rig.advance_ms(3000);
  ASSERT_EQ(later.size(), 1u) << joined(later);
  const auto done = parse_console_line(later[0]);
  EXPECT_EQ(done.at("cmd_id"), ack.at("msg_id"));
  EXPECT_EQ(done.at("action"), "HOME");
  EXPECT_EQ(done.at("status"), "done");
  EXPECT_NEAR(std::stoi(done.at("actual_ms")), 1744, 5);
  EXPECT_EQ(done.keys, (std::vector<std::string>{"cmd_id", "action", "actual_ms", "status"}));
}

TEST_F(NodeTest, HomeMqttExample) {
  const json ack = one_response(
      R"({"cmd_id":"48","action":"HOME","params":{"target_ids":"ALL","overshoot_steps":600,"backoff_steps":150}})");
  EXPECT_EQ(ack, json::parse(
                     R"({"cmd_id":"48","action":"HOME","status":"ack","result":{"est_ms":1744}})"));
  rig.take_published();
  rig.advance_ms(3000);
  const auto responses = on_topic(rig.take_published(), rig.node_id(), "cmd/resp");
  ASSERT_EQ(responses.size(), 1u);
  const json done = json::parse(responses[0].payload);
  EXPECT_EQ(done["status"], "done");
  EXPECT_EQ(done["action"], "HOME");
  EXPECT_NEAR(done["result"]["actual_ms"].get<int>(), 1744, 5);
}

// ---- WAKE / SLEEP --------------------------------------------------------------------------

TEST_F(NodeTest, WakeSerialExampleIsOneDoneWithNoAck) {
  const auto done = one_line("WAKE:ALL");
  EXPECT_EQ(done.head, "CTRL:DONE");
  EXPECT_TRUE(is_uuid4(done.at("cmd_id")));
  EXPECT_EQ(done.fields_without_id(), (Fields{{"action", "WAKE"}, {"status", "done"}}));
  for (int id = 0; id < 8; ++id) {
    EXPECT_TRUE(rig.board().motor(id).enabled()) << id;
    EXPECT_EQ(motor_status(id)["awake"], true) << id;
  }
}

TEST_F(NodeTest, WakeMqttExample) {
  EXPECT_EQ(one_response(R"({"cmd_id":"a5","action":"WAKE","params":{"target_ids":"ALL"}})"),
            json::parse(R"({"cmd_id":"a5","action":"WAKE","status":"done"})"));
}

TEST_F(NodeTest, SleepSerialExample) {
  rig.serial("WAKE:ALL");
  const auto done = one_line("SLEEP:0");
  EXPECT_EQ(done.head, "CTRL:DONE");
  EXPECT_EQ(done.fields_without_id(), (Fields{{"action", "SLEEP"}, {"status", "done"}}));
  EXPECT_FALSE(rig.board().motor(0).enabled());
  EXPECT_TRUE(rig.board().motor(1).enabled());
}

TEST_F(NodeTest, SleepMqttExample) {
  EXPECT_EQ(one_response(R"({"cmd_id":"44","action":"SLEEP","params":{"target_ids":0}})"),
            json::parse(R"({"cmd_id":"44","action":"SLEEP","status":"done"})"));
}

// ---- STATUS --------------------------------------------------------------------------------

TEST_F(NodeTest, StatusSerialExampleIsAnAckWithoutFieldsThenOneLinePerMotorAndNoDone) {
  const auto lines = rig.serial("STATUS");
  ASSERT_EQ(lines.size(), 9u) << joined(lines);
  const auto ack = parse_console_line(lines[0]);
  EXPECT_EQ(ack.head, "CTRL:ACK");
  EXPECT_TRUE(is_uuid4(ack.at("msg_id")));
  EXPECT_TRUE(ack.fields_without_id().empty()) << lines[0];
  for (int id = 0; id < 8; ++id) {
    EXPECT_EQ(lines[static_cast<std::size_t>(id) + 1],
              "id=" + std::to_string(id) +
                  " pos=0 moving=0 awake=0 homed=0 steps_since_home=0 budget_s=90.0 ttfc_s=0.0 "
                  "speed=4000 "
                  "accel=16000 est_ms=0 started_ms=0 actual_ms=0")
        << "from boot on the last operation counts as over, so actual_ms is printed";
  }
  EXPECT_TRUE(rig.advance_ms(2000).empty()) << "STATUS sends no DONE";
}

TEST_F(NodeTest, StatusShortcutAndLowerCase) {
  EXPECT_EQ(rig.serial("ST").size(), 9u);
  EXPECT_EQ(rig.serial("status").size(), 9u);
}

TEST_F(NodeTest, StatusOverMqttIsUnsupported) {
  EXPECT_EQ(
      one_response(R"({"cmd_id":"s1","action":"STATUS"})"),
      json::parse(
          R"({"cmd_id":"s1","action":"STATUS","status":"error","errors":[{"code":"MQTT_UNSUPPORTED_ACTION"}]})"));
}

// ---- GET / SET -----------------------------------------------------------------------------

TEST_F(NodeTest, GetAllSerialExampleHasTheSchemaFieldSet) {
  const auto done = one_line("GET ALL");
  EXPECT_EQ(done.head, "CTRL:DONE");
  EXPECT_EQ(done.fields_without_id(), (Fields{{"action", "GET"},
                                              {"ACCEL", "16000"},
                                              {"DECEL", "0"},
                                              {"SPEED", "4000"},
                                              {"THERMAL_LIMITING", "ON"},
                                              {"max_budget_s", "90"},
                                              {"free_heap_bytes", "51264"},
                                              {"status", "done"}}));
}

TEST_F(NodeTest, DoneFieldsAfterActionAreSortedAsciiUpperCaseFirst) {
  const auto done = one_line("GET ALL");
  EXPECT_EQ(done.keys, (std::vector<std::string>{"cmd_id", "action", "ACCEL", "DECEL", "SPEED",
                                                 "THERMAL_LIMITING", "free_heap_bytes",
                                                 "max_budget_s", "status"}));
}

TEST_F(NodeTest, BareGetIsGetAll) {
  EXPECT_EQ(one_line("GET").fields_without_id(), one_line("GET ALL").fields_without_id());
}

TEST_F(NodeTest, GetAllMqttExample) {
  EXPECT_EQ(one_response(R"({"cmd_id":"03","action":"GET","params":{"resource":"ALL"}})"),
            json::parse(
                R"({"cmd_id":"03","action":"GET","status":"done","result":{"ACCEL":16000,"DECEL":0,
              "SPEED":4000,"THERMAL_LIMITING":"ON","max_budget_s":90,"free_heap_bytes":51264}})"));
}

TEST_F(NodeTest, GetSpeedSerialExample) {
  const auto done = one_line("GET SPEED");
  EXPECT_EQ(done.fields_without_id(),
            (Fields{{"action", "GET"}, {"SPEED", "4000"}, {"status", "done"}}));
}

TEST_F(NodeTest, GetSpeedMqttExampleWithLowerCaseResource) {
  EXPECT_EQ(
      one_response(R"({"cmd_id":"03","action":"GET","params":{"resource":"speed"}})"),
      json::parse(R"({"cmd_id":"03","action":"GET","status":"done","result":{"SPEED":4000}})"));
}

TEST_F(NodeTest, GetThermalLimitingAndUnknownResource) {
  EXPECT_EQ(one_line("GET THERMAL_LIMITING").fields_without_id(),
            (Fields{{"action", "GET"},
                    {"THERMAL_LIMITING", "ON"},
                    {"max_budget_s", "90"},
                    {"status", "done"}}));
  const auto err = one_line("GET BOGUS");
  EXPECT_EQ(err.head, "CTRL:ERR");
  EXPECT_EQ(err.words, (std::vector<std::string>{"E03", "BAD_PARAM"}));
}

TEST_F(NodeTest, SetSpeedSerialExample) {
  const auto done = one_line("SET SPEED=5000");
  EXPECT_EQ(done.fields_without_id(),
            (Fields{{"action", "SET"}, {"SPEED", "5000"}, {"status", "done"}}));
  EXPECT_EQ(one_line("GET SPEED").at("SPEED"), "5000");
}

TEST_F(NodeTest, SetSpeedMqttExample) {
  EXPECT_EQ(
      one_response(R"({"cmd_id":"0f","action":"SET","params":{"speed_sps":5000}})"),
      json::parse(R"({"cmd_id":"0f","action":"SET","status":"done","result":{"SPEED":5000}})"));
}

TEST_F(NodeTest, SetRateRulesSpeedAndAccelPositiveDecelNonNegative) {
  EXPECT_EQ(one_line("SET SPEED=0").head, "CTRL:ERR");
  EXPECT_EQ(one_line("SET ACCEL=-1").head, "CTRL:ERR");
  EXPECT_EQ(one_line("SET SPEED=fast").head, "CTRL:ERR");
  EXPECT_EQ(one_line("SET DECEL=0").head, "CTRL:DONE");
  EXPECT_EQ(one_line("SET DECEL=-1").words, (std::vector<std::string>{"E03", "BAD_PARAM"}));
  EXPECT_EQ(one_line("SET COLOUR=red").words, (std::vector<std::string>{"E03", "BAD_PARAM"}));
  EXPECT_EQ(one_line("GET SPEED").at("SPEED"), "4000") << "nothing was changed by the refused SETs";
}

TEST_F(NodeTest, SetMicrostepSerialExampleScalesTheDriverStepRate) {
  const auto done = one_line("SET MICROSTEP=1/16");
  EXPECT_EQ(
      done.fields_without_id(),
      (Fields{{"action", "SET"}, {"MICROSTEP", "1/16"}, {"multiplier", "16"}, {"status", "done"}}));
  for (int id = 0; id < 8; ++id) EXPECT_EQ(rig.board().motor(id).microstep_multiplier(), 16u) << id;
  rig.serial("MOVE:0,100");
  rig.advance_ms(1000);
  EXPECT_EQ(position(0), 100) << "positions stay in commanded steps";
  EXPECT_EQ(rig.board().motor(0).pulses(), 1600u) << "the driver step rate is multiplied";
}

TEST_F(NodeTest, SetMicrostepMqttExample) {
  EXPECT_EQ(
      one_response(R"({"cmd_id":"5a","action":"SET","params":{"MICROSTEP":"1/16"}})"),
      json::parse(
          R"({"cmd_id":"5a","action":"SET","status":"done","result":{"MICROSTEP":"1/16","multiplier":16}})"));
}

TEST_F(NodeTest, SetMicrostepAcceptsEveryDocumentedValue) {
  const std::pair<const char*, const char*> modes[] = {
      {"FULL", "1"}, {"HALF", "2"}, {"1/4", "4"}, {"1/8", "8"}, {"1/16", "16"}, {"1/32", "32"}};
  for (const auto& [mode, mult] : modes) {
    const auto done = one_line(std::string("SET MICROSTEP=") + mode);
    EXPECT_EQ(done.at("MICROSTEP"), mode);
    EXPECT_EQ(done.at("multiplier"), mult);
  }
  EXPECT_EQ(one_line("SET MICROSTEP=1/3").words, (std::vector<std::string>{"E03", "BAD_PARAM"}));
}

TEST_F(NodeTest, GetMicrostepDefaultsToFullThenFollowsSet) {
  EXPECT_EQ(one_line("GET MICROSTEP").fields_without_id(),
            (Fields{{"action", "GET"}, {"MICROSTEP", "FULL"}, {"status", "done"}}));
  rig.serial("SET MICROSTEP=1/16");
  EXPECT_EQ(one_line("GET MICROSTEP").fields_without_id(),
            (Fields{{"action", "GET"}, {"MICROSTEP", "1/16"}, {"status", "done"}}));
}

TEST_F(NodeTest, GetMicrostepMqttExample) {
  rig.serial("SET MICROSTEP=1/16");
  EXPECT_EQ(one_response(R"({"cmd_id":"7b","action":"GET","params":{"resource":"MICROSTEP"}})"),
            json::parse(
                R"({"cmd_id":"7b","action":"GET","status":"done","result":{"MICROSTEP":"1/16"}})"));
}

TEST_F(NodeTest, SetMicrostepWhileAMotorIsAwakeIsE04) {
  rig.serial("WAKE:3");
  const auto err = one_line("SET MICROSTEP=HALF");
  EXPECT_EQ(err.head, "CTRL:ERR");
  EXPECT_EQ(err.words, (std::vector<std::string>{"E04", "BUSY"}));
  EXPECT_EQ(one_line("GET MICROSTEP").at("MICROSTEP"), "FULL");
}

TEST_F(NodeTest, SetMicrostepWhileAMotorIsMovingIsE04) {
  rig.serial("MOVE:0,1200");
  EXPECT_EQ(one_line("SET MICROSTEP=HALF").words, (std::vector<std::string>{"E04", "BUSY"}));
  EXPECT_EQ(one_response(R"({"action":"SET","params":{"microstep":"HALF"}})")["errors"][0]["code"],
            "E04");
}

// ---- NET -----------------------------------------------------------------------------------

TEST_F(NodeTest, NetStatusSerialExample) {
  const auto done = one_line("NET:STATUS");
  EXPECT_EQ(done.head, "CTRL:DONE");
  EXPECT_EQ(done.fields_without_id(), (Fields{{"action", "NET"},
                                              {"status", "done"},
                                              {"sub_action", "STATUS"},
                                              {"state", "CONNECTED"},
                                              {"rssi", "-55"},
                                              {"ssid", "\"TestNet\""},
                                              {"ip", "192.168.1.50"}}));
}

TEST(NetStatusExample, MqttCompletionMatchesTheSchemaExactlyWithTheExampleStationIp) {
  VirtualStepperRigOptions options;
  options.board.wifi.station_ip = "192.168.4.1";
  SettledRig settled(options);
  const auto responses = settled.rig.mqtt(R"({"cmd_id":"7e","action":"NET:STATUS"})");
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(json::parse(responses[0]),
            json::parse(R"({"cmd_id":"7e","action":"NET:STATUS","status":"done",
      "result":{"sub_action":"STATUS","state":"CONNECTED","rssi":-55,"ssid":"\"TestNet\"","ip":"192.168.4.1"}})"));
}

TEST(NetStatusExample, ReportsConnectingDuringTheFirst1500ms) {
  VirtualStepperRig rig;
  rig.advance_ms(1000);
  const auto lines = rig.serial("NET:STATUS");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(parse_console_line(lines[0]).at("state"), "CONNECTING");
  const auto joined_lines = rig.advance_ms(600);
  ASSERT_EQ(joined_lines.size(), 1u) << joined(joined_lines);
  EXPECT_EQ(joined_lines[0], "CTRL:INFO NET:CONNECTED ssid=\"TestNet\" ip=192.168.1.50");
}

TEST_F(NodeTest, NetResetSerialExampleAcksConnectingThenReportsTheAccessPoint) {
  const auto lines = rig.serial("NET:RESET");
  ASSERT_EQ(lines.size(), 3u) << joined(lines);
  const auto ack = parse_console_line(lines[0]);
  EXPECT_EQ(ack.head, "CTRL:ACK");
  EXPECT_TRUE(is_uuid4(ack.at("msg_id")));
  EXPECT_EQ(ack.at("state"), "CONNECTING");
  const std::string id = ack.at("msg_id");
  EXPECT_EQ(lines[1], "CTRL: NET:AP_ACTIVE msg_id=" + id + " ssid=\"DeviceAP\" ip=192.168.4.1");
  const auto done = parse_console_line(lines[2]);
  EXPECT_EQ(done.at("cmd_id"), id);
  EXPECT_EQ(
      done.fields_without_id(),
      (Fields{
          {"action", "NET"}, {"status", "done"}, {"sub_action", "RESET"}, {"state", "AP_ACTIVE"}}));
  EXPECT_EQ(rig.board().wifi().status().state, core::WifiState::kApActive);
}

TEST_F(NodeTest, NetResetMqttExample) {
  const auto responses = parse_all(rig.mqtt(R"({"cmd_id":"51","action":"NET:RESET"})"));
  ASSERT_EQ(responses.size(), 2u);
  EXPECT_EQ(responses[0], json::parse(R"({"cmd_id":"51","action":"NET:RESET","status":"ack",
      "result":{"sub_action":"RESET","state":"CONNECTING"}})"));
  EXPECT_EQ(responses[1], json::parse(R"({"cmd_id":"51","action":"NET:RESET","status":"done",
      "result":{"sub_action":"RESET","state":"AP_ACTIVE","ssid":"\"DeviceAP\"","ip":"192.168.4.1"}})"));
}

TEST_F(NodeTest, NetResetForgetsTheStoredCredentials) {
  rig.serial("NET:RESET");
  EXPECT_FALSE(rig.store().get("wifi_ssid"));
}

TEST_F(NodeTest, NetListSerialExampleStreamsResultsInTheAckStrongestFirst) {
  rig.serial("NET:RESET");
  const auto lines = rig.serial("NET:LIST");
  ASSERT_EQ(lines.size(), 5u) << joined(lines);
  const auto ack = parse_console_line(lines[0]);
  EXPECT_EQ(ack.head, "CTRL:ACK");
  EXPECT_EQ(ack.fields_without_id(), (Fields{{"scanning", "1"}}));
  EXPECT_EQ(lines[1], "NET:LIST msg_id=" + ack.at("msg_id"));
  EXPECT_EQ(lines[2], "SSID=\"Lab\" rssi=-42 secure=1 channel=6");
  EXPECT_EQ(lines[3], "SSID=\"TestNet\" rssi=-55 secure=1 channel=1");
  EXPECT_EQ(lines[4], "SSID=\"MyNet\" rssi=-61 secure=1 channel=11");
  EXPECT_TRUE(rig.advance_ms(2000).empty()) << "NET:LIST sends no DONE";
}

TEST_F(NodeTest, NetListMqttExampleIsOneAck) {
  rig.serial("NET:RESET");
  const auto responses = parse_all(rig.mqtt(R"({"cmd_id":"29","action":"NET:LIST"})"));
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0]["cmd_id"], "29");
  EXPECT_EQ(responses[0]["action"], "NET:LIST");
  EXPECT_EQ(responses[0]["status"], "ack");
  EXPECT_EQ(responses[0]["result"]["networks"].size(), 3u);
  EXPECT_EQ(responses[0]["result"]["networks"][0]["ssid"], "Lab");
}

TEST_F(NodeTest, NetListReturnsAtMostTwelveNetworks) {
  for (int i = 0; i < 15; ++i) {
    rig.board().wifi().options().air.push_back(
        {{"Extra" + std::to_string(i), -70 - i, false, 3}, ""});
  }
  rig.serial("NET:RESET");
  const auto lines = rig.serial("NET:LIST");
  EXPECT_EQ(lines.size(), 2u + 12u) << joined(lines);
}

TEST_F(NodeTest, NetListErrorExampleWhenNotInAccessPointMode) {
  const auto err = one_line("NET:LIST");
  EXPECT_EQ(err.head, "CTRL:ERR");
  EXPECT_TRUE(is_uuid4(err.at("msg_id")));
  EXPECT_EQ(err.words, (std::vector<std::string>{"NET_SCAN_AP_ONLY"}));
  EXPECT_EQ(err.text, "CTRL:ERR msg_id=" + err.at("msg_id") + " NET_SCAN_AP_ONLY");
}

TEST_F(NodeTest, NetListErrorMqttExample) {
  EXPECT_EQ(
      one_response(R"({"cmd_id":"63","action":"NET:LIST"})"),
      json::parse(
          R"({"cmd_id":"63","action":"NET:LIST","status":"error","errors":[{"code":"NET_SCAN_AP_ONLY"}]})"));
}

TEST_F(NodeTest, NetSetSerialExampleThenJoinsTheNetwork) {
  const auto done = one_line(R"(NET:SET,"MyNet","password123")");
  EXPECT_EQ(done.head, "CTRL:DONE");
  EXPECT_EQ(done.fields_without_id(),
            (Fields{{"action", "NET"}, {"status", "done"}, {"sub_action", "SET"}}));
  EXPECT_EQ(rig.store().get("wifi_ssid"), "MyNet");
  EXPECT_EQ(rig.store().get("wifi_pass"), "password123");
  const auto later = rig.advance_ms(1500);
  ASSERT_EQ(later.size(), 1u) << joined(later);
  EXPECT_EQ(later[0], "CTRL:INFO NET:CONNECTED ssid=\"MyNet\" ip=192.168.1.50");
  EXPECT_EQ(rig.board().wifi().status().ssid, "MyNet");
}

TEST_F(NodeTest, NetSetMqttExample) {
  EXPECT_EQ(
      one_response(
          R"({"cmd_id":"b4","action":"NET:SET","params":{"ssid":"MyNet","pass":"password123"}})"),
      json::parse(
          R"({"cmd_id":"b4","action":"NET:SET","status":"done","result":{"sub_action":"SET"}})"));
}

TEST_F(NodeTest, NetSetQuotedSsidWithCommaAndEscapes) {
  EXPECT_EQ(one_line(R"(NET:SET,"My, \"Net\"","pa\\ss word")").head, "CTRL:DONE");
  EXPECT_EQ(rig.store().get("wifi_ssid"), "My, \"Net\"");
  EXPECT_EQ(rig.store().get("wifi_pass"), "pa\\ss word");
}

TEST_F(NodeTest, NetSetSsidMustBe1To32Characters) {
  EXPECT_EQ(one_line("NET:SET,\"" + std::string(32, 's') + "\",\"\"").head, "CTRL:DONE");
  rig.advance_ms(2000);
  const auto too_long = one_line("NET:SET,\"" + std::string(33, 's') + "\",\"\"");
  EXPECT_EQ(too_long.words, (std::vector<std::string>{"NET_BAD_PARAM", "SSID_LENGTH"}));
  EXPECT_EQ(one_line(R"(NET:SET,"","password123")").words,
            (std::vector<std::string>{"NET_BAD_PARAM", "SSID_LENGTH"}));
  EXPECT_EQ(one_response(R"({"action":"NET:SET","params":{"ssid":""}})")["errors"][0]["reason"],
            "SSID_LENGTH");
}

TEST_F(NodeTest, NetSetPasswordEmptyOr8To63Characters) {
  EXPECT_EQ(one_line(R"(NET:SET,"MyNet","1234567")").words,
            (std::vector<std::string>{"NET_BAD_PARAM", "PASS_TOO_SHORT"}));
  EXPECT_EQ(one_line(R"(NET:SET,"MyNet","x")").words,
            (std::vector<std::string>{"NET_BAD_PARAM", "PASS_TOO_SHORT"}));
  EXPECT_EQ(one_line("NET:SET,\"MyNet\",\"" + std::string(64, 'p') + "\"").words[0],
            "NET_BAD_PARAM");
  EXPECT_EQ(rig.store().get("wifi_ssid"), "TestNet") << "refused credentials are not stored";
  EXPECT_EQ(one_line(R"(NET:SET,"MyNet","12345678")").head, "CTRL:DONE");
  rig.advance_ms(2000);
  EXPECT_EQ(one_line("NET:SET,\"MyNet\",\"" + std::string(63, 'p') + "\"").head, "CTRL:DONE");
  rig.advance_ms(2000);
  EXPECT_EQ(one_line(R"(NET:SET,"MyNet","")").head, "CTRL:DONE");
  EXPECT_EQ(one_line(R"(NET:SET,"MyNet","password123")").words,
            (std::vector<std::string>{"NET_BUSY_CONNECTING"}))
      << "a second NET:SET while joining";
}

// ---- MQTT config ---------------------------------------------------------------------------

TEST_F(NodeTest, MqttGetConfigSerialExampleShowsTheCompileTimeDefaults) {
  const auto done = one_line("MQTT:GET_CONFIG");
  EXPECT_EQ(done.fields_without_id(), (Fields{{"action", "MQTT"},
                                              {"status", "done"},
                                              {"host", "\"192.168.1.25\""},
                                              {"port", "1883"},
                                              {"user", "\"mirror\""},
                                              {"pass", "\"steelthread\""}}));
}

TEST_F(NodeTest, MqttGetConfigMqttExample) {
  EXPECT_EQ(one_response(R"({"cmd_id":"d3","action":"MQTT:GET_CONFIG"})"),
            json::parse(R"({"cmd_id":"d3","action":"MQTT:GET_CONFIG","status":"done","result":{
      "host":"\"192.168.1.25\"","port":"1883","user":"\"mirror\"","pass":"\"steelthread\""}})"));
}

TEST_F(NodeTest, MqttSetConfigSerialExample) {
  const auto done =
      one_line(R"(MQTT:SET_CONFIG host=lab-broker.local port=1884 user=lab pass="newsecret")");
  EXPECT_EQ(done.fields_without_id(), (Fields{{"action", "MQTT"},
                                              {"status", "done"},
                                              {"host", "\"lab-broker.local\""},
                                              {"port", "1884"},
                                              {"user", "\"lab\""},
                                              {"pass", "\"newsecret\""}}));
  EXPECT_EQ(one_line("MQTT:GET_CONFIG").fields_without_id(), done.fields_without_id());
}

TEST_F(NodeTest, MqttSetConfigMqttExample) {
  EXPECT_EQ(
      one_response(R"({"cmd_id":"c8","action":"MQTT:SET_CONFIG","params":{"host":"lab-broker.local",
                "port":1884,"user":"lab","pass":"newsecret"}})"),
      json::parse(R"({"cmd_id":"c8","action":"MQTT:SET_CONFIG","status":"done","result":{
      "host":"\"lab-broker.local\"","port":"1884","user":"\"lab\"","pass":"\"newsecret\""}})"));
}

TEST_F(NodeTest, MqttSetConfigOneFieldKeepsTheOthers) {
  rig.serial("MQTT:SET_CONFIG port=1999");
  EXPECT_EQ(one_line("MQTT:GET_CONFIG").fields_without_id(), (Fields{{"action", "MQTT"},
                                                                     {"status", "done"},
                                                                     {"host", "\"192.168.1.25\""},
                                                                     {"port", "1999"},
                                                                     {"user", "\"mirror\""},
                                                                     {"pass", "\"steelthread\""}}));
}

TEST_F(NodeTest, MqttSetConfigResetAndDefaultsRestoreTheCompileTimeDefaults) {
  const auto defaults = one_line("MQTT:GET_CONFIG").fields_without_id();
  for (const char* word : {"RESET", "DEFAULTS", "reset"}) {
    rig.serial("MQTT:SET_CONFIG host=other port=2000 user=u pass=p");
    const auto done = one_line(std::string("MQTT:SET_CONFIG ") + word);
    EXPECT_EQ(done.fields_without_id(), defaults) << word;
    EXPECT_EQ(one_line("MQTT:GET_CONFIG").fields_without_id(), defaults) << word;
    EXPECT_FALSE(rig.store().get("mqtt_host")) << word;
  }
}

TEST_F(NodeTest, MqttSetConfigResetTrueOverMqtt) {
  rig.serial("MQTT:SET_CONFIG host=other");
  const json done =
      one_response(R"({"cmd_id":"e1","action":"MQTT:SET_CONFIG","params":{"reset":true}})");
  EXPECT_EQ(done,
            json::parse(R"({"cmd_id":"e1","action":"MQTT:SET_CONFIG","status":"done","result":{
      "host":"\"192.168.1.25\"","port":"1883","user":"\"mirror\"","pass":"\"steelthread\""}})"));
}

TEST_F(NodeTest, MqttSetConfigDefaultValueIsUnsupportedDefault) {
  const auto err = one_line("MQTT:SET_CONFIG host=DEFAULT");
  EXPECT_EQ(err.head, "CTRL:ERR");
  EXPECT_EQ(err.words, (std::vector<std::string>{"MQTT_BAD_PARAM", "UNSUPPORTED_DEFAULT"}));
  EXPECT_EQ(err.at("field"), "host");
  const json mqtt = one_response(R"({"action":"MQTT:SET_CONFIG","params":{"port":"default"}})");
  EXPECT_EQ(mqtt["errors"][0]["code"], "MQTT_BAD_PARAM");
  EXPECT_EQ(mqtt["errors"][0]["reason"], "UNSUPPORTED_DEFAULT");
}

TEST_F(NodeTest, MqttSetConfigUnknownFieldIsUnsupportedField) {
  const auto err = one_line("MQTT:SET_CONFIG tls=on");
  EXPECT_EQ(err.words, (std::vector<std::string>{"MQTT_BAD_PARAM", "UNSUPPORTED_FIELD"}));
  EXPECT_EQ(err.at("field"), "tls");
  const json mqtt = one_response(R"({"action":"MQTT:SET_CONFIG","params":{"keepalive":30}})");
  EXPECT_EQ(mqtt["errors"][0]["reason"], "UNSUPPORTED_FIELD");
  EXPECT_EQ(mqtt["errors"][0]["field"], "keepalive");
}

TEST_F(NodeTest, MqttSetConfigPortMustBe1To65535) {
  for (const char* bad : {"0", "65536", "-1", "http", "99999999999999999999"}) {
    const auto err = one_line(std::string("MQTT:SET_CONFIG port=") + bad);
    EXPECT_EQ(err.head, "CTRL:ERR") << bad;
    EXPECT_EQ(err.words.at(0), "MQTT_BAD_PARAM") << bad;
  }
  EXPECT_EQ(one_line("MQTT:GET_CONFIG").at("port"), "1883") << "refused ports change nothing";
  EXPECT_EQ(one_line("MQTT:SET_CONFIG port=1").at("port"), "1");
  EXPECT_EQ(one_line("MQTT:SET_CONFIG port=65535").at("port"), "65535");
  EXPECT_EQ(
      one_response(R"({"action":"MQTT:SET_CONFIG","params":{"port":70000}})")["errors"][0]["code"],
      "MQTT_BAD_PARAM");
}

TEST(MqttSetConfig, NotifiesTheBrokerConfigHook) {
  SettledRig settled;
  std::optional<stepper::BrokerConfig> seen;
  settled.rig.board().node().on_broker_config_changed(
      [&seen](const stepper::BrokerConfig& config) { seen = config; });
  settled.rig.serial("MQTT:SET_CONFIG host=h port=1884");
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->host, "h");
  EXPECT_EQ(seen->port, 1884);
}

// ---- HELP ----------------------------------------------------------------------------------

TEST_F(NodeTest, HelpSerialPrintsTheLinesThenADoneWithoutId) {
  const auto lines = rig.serial("HELP");
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines.front(), "HELP");
  EXPECT_EQ(lines.back(), "CTRL:DONE action=HELP status=done");
  EXPECT_EQ(lines[1], "MOVE:<id|ALL>,<abs_steps>");
  EXPECT_EQ(lines[lines.size() - 2],
            "Multicommand: <cmd1>;<cmd2> note: no cmd queuing; only distinct motors allowed");
}

TEST_F(NodeTest, HelpMqttResultLinesEqualTheConsoleLines) {
  auto console = rig.serial("HELP");
  console.pop_back();
  const json done = one_response(R"({"cmd_id":"aa","action":"HELP"})");
  EXPECT_EQ(done["cmd_id"], "aa");
  EXPECT_EQ(done["action"], "HELP");
  EXPECT_EQ(done["status"], "done");
  EXPECT_EQ(done["result"]["lines"].get<std::vector<std::string>>(), console);
  EXPECT_EQ(done["result"]["lines"].size(), 26u) << "the schema's HELP example has 26 lines";
  EXPECT_EQ(done["result"]["lines"][5],
            "NET:SET,\"<ssid>\",\"<pass>\" (quote to allow commas/spaces; escape \\\" and \\\\)");
}

}  // namespace
}  // namespace hil::sim::testing
