// Covers firmware_core/stepper/reply_channel.h: console line rendering (k=v sort order), MQTT JSON,
// 12 remembered ids.
#include "firmware_core/stepper/reply_channel.h"

#include <gtest/gtest.h>

namespace hil::stepper {
namespace {

class LinesSink : public core::LineSink {
 public:
  void write_line(std::string_view line) override { lines.emplace_back(line); }
  std::vector<std::string> lines;
};

class RecordingMqtt : public core::MqttLink {
 public:
  bool publish(std::string_view topic, std::string_view payload, int qos, bool retain) override {
    topics.emplace_back(topic);
    payloads.emplace_back(payload);
    qoses.push_back(qos);
    retains.push_back(retain);
    return true;
  }
  void subscribe(std::string_view, int) override {}
  void set_will(const core::MqttWill&) override {}
  bool connected() const override { return true; }
  std::vector<std::string> topics, payloads;
  std::vector<int> qoses;
  std::vector<bool> retains;
};

const CommandRef kRef{"id-1", "GET", "GET"};

TEST(SerialReplies, DoneFieldsAreSortedByKeyInAsciiOrderUpperCaseFirst) {
  LinesSink sink;
  SerialReplies replies(sink);
  Reply done;
  done.fields = {
      Field{"SPEED", std::int64_t{4000}},      Field{"ACCEL", std::int64_t{16000}},
      Field{"DECEL", std::int64_t{0}},         Field{"THERMAL_LIMITING", std::string("ON")},
      Field{"max_budget_s", std::int64_t{90}}, Field{"free_heap_bytes", std::int64_t{51264}}};
  replies.send(kRef, done);
  ASSERT_EQ(sink.lines.size(), 1u);
  EXPECT_EQ(sink.lines[0],
            "CTRL:DONE cmd_id=id-1 action=GET ACCEL=16000 DECEL=0 SPEED=4000 THERMAL_LIMITING=ON "
            "free_heap_bytes=51264 max_budget_s=90 status=done");
}

TEST(SerialReplies, ErrorLineHasIdCodeNameDetailThenSortedFields) {
  const std::string line = SerialReplies::problem_line(
      "CTRL:ERR", "id-2",
      Problem{ErrorCode::kThermalNoBudget,
              {},
              {Field{"id", std::int64_t{0}}, Field{"req_ms", std::int64_t{12007}},
               Field{"budget_s", std::int64_t{5}}, Field{"ttfc_s", std::int64_t{56}}}});
  EXPECT_EQ(line,
            "CTRL:ERR msg_id=id-2 E11 THERMAL_NO_BUDGET budget_s=5 id=0 req_ms=12007 ttfc_s=56");
  EXPECT_EQ(SerialReplies::problem_line("CTRL:ERR", "",
                                        Problem{ErrorCode::kBadParam, "buffer_overflow", {}}),
            "CTRL:ERR E03 BAD_PARAM buffer_overflow");
  EXPECT_EQ(
      SerialReplies::problem_line("CTRL:ERR", "x", Problem{ErrorCode::kNetScanApOnly, {}, {}}),
      "CTRL:ERR msg_id=x NET_SCAN_AP_ONLY");
}

TEST(SerialReplies, WarningsComeBeforeTheAckWithTheSameId) {
  LinesSink sink;
  SerialReplies replies(sink);
  Reply ack;
  ack.stage = Stage::kAck;
  ack.fields = {Field{"est_ms", std::int64_t{5}}};
  ack.warnings = {Problem{ErrorCode::kThermalReqGtMax, {}, {Field{"id", std::int64_t{1}}}}};
  replies.send(CommandRef{"w", "MOVE", "MOVE"}, ack);
  ASSERT_EQ(sink.lines.size(), 2u);
  EXPECT_EQ(sink.lines[0], "CTRL:WARN msg_id=w THERMAL_REQ_GT_MAX id=1");
  EXPECT_EQ(sink.lines[1], "CTRL:ACK msg_id=w est_ms=5");
}

// Issue 11, item 1: the console names a warning by its reason; MQTT keeps the code.
TEST(SerialReplies, WarningsCarryNoECodeOnTheConsole) {
  LinesSink sink;
  SerialReplies replies(sink);
  Reply ack;
  ack.stage = Stage::kAck;
  ack.warnings = {Problem{ErrorCode::kThermalNoBudget,
                          {},
                          {Field{"id", std::int64_t{0}}, Field{"req_ms", std::int64_t{12007}},
                           Field{"budget_s", std::int64_t{5}}, Field{"ttfc_s", std::int64_t{56}}}},
                  Problem{ErrorCode::kThermalNoBudgetWake, {}, {}}};
  replies.send(CommandRef{"w", "MOVE", "MOVE"}, ack);
  ASSERT_EQ(sink.lines.size(), 3u);
  EXPECT_EQ(sink.lines[0],
            "CTRL:WARN msg_id=w THERMAL_NO_BUDGET budget_s=5 id=0 req_ms=12007 ttfc_s=56");
  EXPECT_EQ(sink.lines[1], "CTRL:WARN msg_id=w THERMAL_NO_BUDGET_WAKE");
  const auto json = MqttReplies::to_json(CommandRef{"w", "MOVE", "MOVE"}, ack);
  EXPECT_EQ(json["warnings"][0]["code"], "E11");
  EXPECT_EQ(json["warnings"][1]["code"], "E12");
}

// Issue 11, item 2: errors carry code and reason only, except E10 and E11; MQTT keeps every field.
TEST(SerialReplies, ErrorLinesCarryTheCodeAndReasonOnlyExceptE10AndE11) {
  const Problem range{ErrorCode::kPosOutOfRange,
                      {},
                      {Field{"target", std::int64_t{5000}}, Field{"min", std::int64_t{-1200}}}};
  EXPECT_EQ(SerialReplies::problem_line("CTRL:ERR", "x", range),
            "CTRL:ERR msg_id=x E07 POS_OUT_OF_RANGE");
  EXPECT_EQ(SerialReplies::problem_line(
                "CTRL:ERR", "x", Problem{ErrorCode::kBusy, {}, {Field{"id", std::int64_t{0}}}}),
            "CTRL:ERR msg_id=x E04 BUSY");
  EXPECT_EQ(
      SerialReplies::problem_line(
          "CTRL:ERR", "x", Problem{ErrorCode::kBadParam, {}, {Field{"key", std::string("FOO")}}}),
      "CTRL:ERR msg_id=x E03 BAD_PARAM");
  EXPECT_EQ(SerialReplies::problem_line(
                "CTRL:ERR", "x",
                Problem{ErrorCode::kThermalReqGtMax, {}, {Field{"id", std::int64_t{1}}}}),
            "CTRL:ERR msg_id=x E10 THERMAL_REQ_GT_MAX id=1");
  EXPECT_EQ(SerialReplies::problem_line(
                "CTRL:ERR", "x",
                Problem{ErrorCode::kBadParam, {}, {Field{"requested", std::string()}}, true}),
            "CTRL:ERR msg_id=x E03 BAD_PARAM requested=");
  Reply error;
  error.stage = Stage::kError;
  error.error = range;
  EXPECT_EQ(MqttReplies::to_json(CommandRef{"x", "MOVE", "MOVE"}, error)["errors"][0]["target"],
            5000);
}

TEST(SerialReplies, HelpDoneHasNoCmdIdAndItsLinesComeFirst) {
  LinesSink sink;
  SerialReplies replies(sink);
  Reply done;
  done.serial_lines = {"a", "b"};
  done.serial_without_id = true;
  replies.send(CommandRef{"h", "HELP", "HELP"}, done);
  EXPECT_EQ(sink.lines, (std::vector<std::string>{"a", "b", "CTRL:DONE action=HELP status=done"}));
}

TEST(MqttReplies, ToJsonCarriesStatusResultAndErrors) {
  Reply done;
  done.fields = {Field{"SPEED", std::int64_t{5000}}};
  EXPECT_EQ(MqttReplies::to_json(CommandRef{"0f", "SET", "SET"}, done),
            nlohmann::json::parse(
                R"({"cmd_id":"0f","action":"SET","status":"done","result":{"SPEED":5000}})"));
  Reply bare;
  EXPECT_EQ(MqttReplies::to_json(CommandRef{"a5", "WAKE", "WAKE"}, bare),
            nlohmann::json::parse(R"({"cmd_id":"a5","action":"WAKE","status":"done"})"))
      << "no empty result object";
  Reply error;
  error.stage = Stage::kError;
  error.error = Problem{ErrorCode::kNetScanApOnly, {}, {}};
  EXPECT_EQ(
      MqttReplies::to_json(CommandRef{"63", "NET:LIST", "NET"}, error),
      nlohmann::json::parse(
          R"({"cmd_id":"63","action":"NET:LIST","status":"error","errors":[{"code":"NET_SCAN_AP_ONLY"}]})"));
}

TEST(MqttReplies, PublishesOnTheResponseTopicAtQos1NotRetained) {
  RecordingMqtt link;
  CommandMemory memory;
  MqttReplies replies(link, "devices/x/cmd/resp", memory);
  replies.send(kRef, Reply{});
  ASSERT_EQ(link.payloads.size(), 1u);
  EXPECT_EQ(link.topics[0], "devices/x/cmd/resp");
  EXPECT_EQ(link.qoses[0], 1);
  EXPECT_FALSE(link.retains[0]);
}

TEST(MqttReplies, SerialOnlyRepliesAreNotPublished) {
  RecordingMqtt link;
  CommandMemory memory;
  MqttReplies replies(link, "t", memory);
  Reply detail;
  detail.serial_only = true;
  replies.send(kRef, detail);
  EXPECT_TRUE(link.payloads.empty());
}

TEST(MqttReplies, RemembersTwelveIdsAndReplaysTheirPayloadsVerbatim) {
  RecordingMqtt link;
  CommandMemory memory;
  MqttReplies replies(link, "t", memory);
  for (int i = 0; i < 13; ++i) {
    const std::string id = "c" + std::to_string(i);
    memory.remember(id);
    replies.send(CommandRef{id, "GET", "GET"}, Reply{});
  }
  EXPECT_FALSE(memory.seen("c0")) << "the 13th id pushes out the first";
  for (int i = 1; i < 13; ++i) EXPECT_TRUE(memory.seen("c" + std::to_string(i))) << i;
  const std::size_t before = link.payloads.size();
  replies.replay("c5");
  ASSERT_EQ(link.payloads.size(), before + 1);
  EXPECT_EQ(link.payloads.back(), link.payloads[5]);
  replies.replay("c0");
  EXPECT_EQ(link.payloads.size(), before + 1) << "a forgotten id replays nothing";
}

}  // namespace
}  // namespace hil::stepper
