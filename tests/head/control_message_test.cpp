// The head controller's commands: the spec's payloads accepted, every bad one refused with a reason
// (and the id, when it is a valid one, so that the answer can go to its topic).
#include "firmware_core/head/control_message.h"

#include <gtest/gtest.h>

#include <string>

namespace hil::head {
namespace {

Command accepted(CommandKind kind, const std::string& payload) {
  auto parsed = parse_command(kind, payload);
  if (auto* refusal = std::get_if<Refusal>(&parsed)) {
    ADD_FAILURE() << payload << ": " << refusal->error;
    return ScriptStatus{};
  }
  return std::get<Command>(parsed);
}

Refusal refused(CommandKind kind, const std::string& payload) {
  auto parsed = parse_command(kind, payload);
  if (!std::holds_alternative<Refusal>(parsed)) {
    ADD_FAILURE() << payload << " was accepted";
    return {};
  }
  return std::get<Refusal>(parsed);
}

TEST(HeadCommand, TheSpecsPayloads) {
  const auto start = std::get<StartScript>(
      accepted(CommandKind::kStart, R"({"id": "eyes1", "path": "/scripts/wherever/eyes.py"})"));
  EXPECT_EQ(start.id, "eyes1");
  EXPECT_EQ(start.path, "/scripts/wherever/eyes.py");
  EXPECT_TRUE(start.args.empty());
  EXPECT_EQ(std::get<StopScript>(accepted(CommandKind::kStop, R"({"id": "eyes1"})")).id, "eyes1");
  EXPECT_FALSE(std::get<ScriptStatus>(accepted(CommandKind::kStatus, "{}")).id);
  EXPECT_FALSE(std::get<ScriptStatus>(accepted(CommandKind::kStatus, "")).id);
  EXPECT_EQ(std::get<ScriptStatus>(accepted(CommandKind::kStatus, R"({"id":"a.b-c_9"})")).id,
            "a.b-c_9");
  EXPECT_EQ(std::get<ConnectBluetooth>(
                accepted(CommandKind::kConnect, R"({"address": "00:11:22:aa:bb:CC"})"))
                .address,
            "00:11:22:AA:BB:CC");
  const auto with_args = std::get<StartScript>(
      accepted(CommandKind::kStart, R"({"id":"x","path":"p.py","args":["--fast","two words"]})"));
  EXPECT_EQ(with_args.args, (std::vector<std::string>{"--fast", "two words"}));
}

TEST(HeadCommand, ControlTopics) {
  EXPECT_EQ(command_kind("script/start"), CommandKind::kStart);
  EXPECT_EQ(command_kind("bluetooth/connect"), CommandKind::kConnect);
  EXPECT_FALSE(command_kind("script/restart"));
  EXPECT_FALSE(command_kind(""));
}

TEST(HeadCommand, BadPayloadsSayWhy) {
  const std::pair<std::string, std::string> starts[] = {
      {"not json", "the payload is not JSON"},
      {"[1,2]", "the payload must be a JSON object, got array"},
      {R"({"path": "a.py"})", "'id' is missing"},
      {R"({"id": 7, "path": "a.py"})", "'id' must be a string, got number"},
      {R"({"id": "", "path": "a.py"})", "'id' is empty"},
      {R"({"id": "a+b", "path": "a.py"})", "'id' may hold only letters, digits"},
      {R"({"id": "a#", "path": "a.py"})", "'id' may hold only"},
      {R"({"id": "a/b", "path": "a.py"})", "'id' may hold only"},
      {R"({"id": "a\u0000b", "path": "a.py"})", "not \\x00"},
      {R"({"id": ")" + std::string(65, 'x') + R"(", "path": "a.py"})",
       "'id' is longer than 64 characters"},
  };
  for (const auto& [payload, why] : starts) {
    const Refusal refusal = refused(CommandKind::kStart, payload);
    EXPECT_NE(refusal.error.find(why), std::string::npos) << payload << ": " << refusal.error;
    EXPECT_FALSE(refusal.id) << payload << ": no valid id to answer on";
  }
}

TEST(HeadCommand, ABadPathIsRefusedWithItsIdSoTheAnswerGoesToItsTopic) {
  const std::pair<std::string, std::string> starts[] = {
      {R"({"id": "v", "path": "-V"})", "'path' may not start with '-'"},
      {R"({"id": "v"})", "'path' is missing"},
      {R"({"id": "v", "path": ""})", "'path' is empty"},
      {R"({"id": "v", "path": ["a"]})", "'path' must be a string, got array"},
      {R"({"id": "v", "path": "a\nb"})", "'path' holds a control character"},
      {R"({"id": "v", "path": "a.py", "args": "x"})", "'args' must be a list"},
      {R"({"id": "v", "path": "a.py", "args": [1]})", "'args' must hold strings only"},
  };
  for (const auto& [payload, why] : starts) {
    const Refusal refusal = refused(CommandKind::kStart, payload);
    EXPECT_NE(refusal.error.find(why), std::string::npos) << payload << ": " << refusal.error;
    EXPECT_EQ(refusal.id, "v") << payload;
  }
}

TEST(HeadCommand, PayloadsOverTheLimitAreNotParsed) {
  const std::string big = R"({"id":"x","path":")" + std::string(kMaxPayloadBytes, 'a') + R"("})";
  EXPECT_NE(refused(CommandKind::kStart, big).error.find("over the limit of 4096"),
            std::string::npos);
}

TEST(HeadCommand, AddressesAreSixHexPairs) {
  for (const char* bad :
       {"00:11:22:33:44", "00:11:22:33:44:5G", "00-11-22-33-44-55", "00:11:22:33:44:55:66", ""}) {
    EXPECT_FALSE(normalized_address(bad)) << bad;
  }
  EXPECT_NE(refused(CommandKind::kConnect, R"({"address": "nope"})")
                .error.find("'address' must be six hex pairs"),
            std::string::npos);
  EXPECT_NE(refused(CommandKind::kConnect, "{}").error.find("'address' is missing"),
            std::string::npos);
}

}  // namespace
}  // namespace hil::head
