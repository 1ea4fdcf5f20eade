// Covers the node's MQTT command path through the rig: duplicates, bad payloads, unsupported
// actions.
#include "node_test_support.h"

namespace hil::sim::testing {
namespace {

const char* kMove100 =
    R"({"cmd_id":"dup-1","action":"MOVE","params":{"target_ids":0,"position_steps":100}})";

std::vector<std::string> responses_of(VirtualStepperRig& rig) {
  std::vector<std::string> out;
  for (const auto& message : on_topic(rig.take_published(), rig.node_id(), "cmd/resp"))
    out.push_back(message.payload);
  return out;
}

TEST_F(NodeTest, DuplicateCmdIdReplaysTheCachedResponsesVerbatimAndRunsNothing) {
  rig.take_published();
  rig.mqtt(kMove100);
  rig.advance_ms(1000);
  const auto original = responses_of(rig);
  ASSERT_EQ(original.size(), 2u) << "ack and done";
  ASSERT_EQ(position(0), 100);
  rig.serial("MOVE:0,0");
  rig.advance_ms(1000);
  ASSERT_EQ(position(0), 0);
  rig.take_published();

  const auto replayed = rig.mqtt(kMove100);
  EXPECT_EQ(replayed, original) << "the same bytes, in the same order";
  rig.take_published();
  rig.advance_ms(1000);
  EXPECT_EQ(position(0), 0) << "the motor did not move again";
  EXPECT_EQ(motor_status(0)["moving"], false);
  EXPECT_TRUE(responses_of(rig).empty()) << "no second DONE";
}

TEST_F(NodeTest, DuplicateLogsMqttDuplicateAtMostOncePerSecond) {
  rig.mqtt(R"({"cmd_id":"d-2","action":"GET","params":{"resource":"SPEED"}})");
  rig.advance_ms(0);
  const char* again = R"({"cmd_id":"d-2","action":"GET","params":{"resource":"SPEED"}})";
  rig.mqtt(again);
  EXPECT_EQ(rig.advance_ms(0), (std::vector<std::string>{"CTRL:INFO MQTT_DUPLICATE cmd_id=d-2"}));
  rig.advance_ms(500);
  rig.mqtt(again);
  EXPECT_TRUE(rig.advance_ms(0).empty()) << "rate limited within a second";
  rig.advance_ms(499);
  rig.mqtt(again);
  EXPECT_TRUE(rig.advance_ms(0).empty()) << "999 ms after the last INFO";
  rig.advance_ms(1);
  const auto replies = rig.mqtt(again);
  EXPECT_EQ(replies.size(), 1u) << "every duplicate is still replayed";
  EXPECT_EQ(rig.advance_ms(0), (std::vector<std::string>{"CTRL:INFO MQTT_DUPLICATE cmd_id=d-2"}));
}

TEST_F(NodeTest, TwelveCmdIdsAreRememberedAndTheThirteenthOldestIsForgotten) {
  rig.mqtt(R"({"cmd_id":"id-0","action":"MOVE","params":{"target_ids":0,"position_steps":100}})");
  rig.advance_ms(1000);
  for (int i = 1; i <= 12; ++i) {
    rig.mqtt(R"({"cmd_id":"id-)" + std::to_string(i) +
             R"(","action":"GET","params":{"resource":"SPEED"}})");
  }
  rig.serial("MOVE:0,0");
  rig.advance_ms(1000);
  rig.advance_ms(0);

  rig.mqtt(R"({"cmd_id":"id-1","action":"GET","params":{"resource":"SPEED"}})");
  EXPECT_EQ(rig.advance_ms(0), (std::vector<std::string>{"CTRL:INFO MQTT_DUPLICATE cmd_id=id-1"}))
      << "id-1 is the oldest of the twelve remembered";

  rig.advance_ms(2000);
  const auto rerun = parse_all(rig.mqtt(
      R"({"cmd_id":"id-0","action":"MOVE","params":{"target_ids":0,"position_steps":100}})"));
  EXPECT_TRUE(rig.advance_ms(0).empty()) << "id-0 was forgotten: no duplicate notice";
  ASSERT_EQ(rerun.size(), 1u);
  EXPECT_EQ(rerun[0]["status"], "ack");
  rig.advance_ms(1000);
  EXPECT_EQ(position(0), 100) << "a forgotten id runs again";
}

TEST_F(NodeTest, DuplicateOfAnErrorReplaysTheError) {
  const char* bad =
      R"({"cmd_id":"e-1","action":"MOVE","params":{"target_ids":0,"position_steps":9999}})";
  const auto first = rig.mqtt(bad);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(rig.mqtt(bad), first);
}

TEST_F(NodeTest, DuplicateSentWhileTheMoveRunsReplaysOnlyWhatWasSentSoFar) {
  rig.mqtt(kMove100);
  const auto replay = parse_all(rig.mqtt(kMove100));
  ASSERT_EQ(replay.size(), 1u);
  EXPECT_EQ(replay[0]["status"], "ack");
  rig.take_published();
  rig.advance_ms(1000);
  EXPECT_EQ(responses_of(rig).size(), 1u) << "one DONE, not two";
}

TEST_F(NodeTest, BadJsonIsMqttBadPayloadWithANewCmdIdAndActionUnknown) {
  const json err = one_response(R"({"cmd_id":"x1","action":"MOVE",)");
  EXPECT_TRUE(is_uuid4(err["cmd_id"].get<std::string>())) << err.dump();
  EXPECT_EQ(without_cmd_id(err), json::parse(R"({"action":"UNKNOWN","status":"error",
      "errors":[{"code":"MQTT_BAD_PAYLOAD","reason":"INVALID_JSON"}]})"));
}

TEST_F(NodeTest, MissingActionIsMqttBadPayloadWithActionUnknown) {
  const json err = one_response(R"({"params":{"target_ids":0}})");
  EXPECT_TRUE(is_uuid4(err["cmd_id"].get<std::string>()));
  EXPECT_EQ(err["action"], "UNKNOWN");
  EXPECT_EQ(err["errors"][0]["code"], "MQTT_BAD_PAYLOAD");
  EXPECT_EQ(err["errors"][0]["reason"], "MISSING_ACTION");
}

TEST_F(NodeTest, TwoBadPayloadsGetTwoDifferentIds) {
  const json a = one_response("garbage");
  const json b = one_response("garbage");
  EXPECT_NE(a["cmd_id"], b["cmd_id"]);
}

TEST_F(NodeTest, UnknownActionOverMqttIsE01) {
  const json err = one_response(R"({"cmd_id":"u1","action":"dance"})");
  EXPECT_EQ(err["cmd_id"], "u1");
  EXPECT_EQ(err["action"], "DANCE");
  EXPECT_EQ(err["errors"][0]["code"], "E01");
  EXPECT_EQ(err["errors"][0]["message"], "BAD_CMD");
}

TEST_F(NodeTest, MessagesOnOtherTopicsAreIgnored) {
  rig.take_published();
  rig.board().node().on_mqtt_message("devices/other/cmd", R"({"action":"HELP"})");
  rig.board().node().on_mqtt_message("devices/" + rig.node_id() + "/cmd/resp",
                                     R"({"action":"HELP"})");
  EXPECT_TRUE(on_topic(rig.take_published(), rig.node_id(), "cmd/resp").empty());
}

TEST_F(NodeTest, SubscribesToTheCommandTopicAtQos1) {
  const auto& subscriptions = rig.mqtt_link().subscriptions();
  ASSERT_FALSE(subscriptions.empty());
  EXPECT_EQ(subscriptions.back(), "devices/24a1601b2c3d/cmd");
}

TEST(NodeId, DerivedFromTheWifiMacInLowerCaseWhenNotGiven) {
  VirtualStepperRigOptions options;
  options.node_id = "";
  options.board.wifi.mac = 0xA0B1C2D3E4F5ULL;
  VirtualStepperRig rig(options);
  EXPECT_EQ(rig.node_id(), "a0b1c2d3e4f5");
}

TEST_F(NodeTest, MqttMoveActionIsCaseInsensitive) {
  const json ack = one_response(
      R"({"cmd_id":"lc","action":"move","params":{"target_ids":"all","position_steps":10}})");
  EXPECT_EQ(ack["action"], "MOVE");
  EXPECT_EQ(ack["status"], "ack");
}

}  // namespace
}  // namespace hil::sim::testing
