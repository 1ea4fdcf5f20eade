// `hilbench ctl`'s printed lines: responses of any shape a device may send, and no control
// character of the device's reaching the user's terminal.
#include "bench/ctl/ctl_format.h"

#include <gtest/gtest.h>

namespace hil::ctl {
namespace {

using nlohmann::json;

TEST(CtlFormat, AResponseIsPrintedAsTaggedLines) {
  const json done = json::parse(
      R"({"cmd_id":"7","action":"GET","status":"done","result":{"SPEED":4000},
          "warnings":[{"code":"THERMAL_LIMITED","reason":"budget"}]})");
  EXPECT_EQ(format_response(done),
            (std::vector<std::string>{"[WARN] cmd_id=7 action=GET THERMAL_LIMITED budget",
                                      "[DONE] cmd_id=7 action=GET SPEED=4000"}));
}

TEST(CtlFormat, ResponsesOfUnexpectedShapesArePrintedNotThrown) {
  const char* shapes[] = {
      R"({"cmd_id":"1","action":"MOVE","status":"error","errors":[5,"text",null]})",
      R"({"cmd_id":"1","action":"MOVE","status":"error","errors":{"code":"E03"}})",
      R"({"cmd_id":"1","action":"MOVE","status":"done","result":"fine"})",
      R"({"cmd_id":"1","action":"MOVE","status":"done","result":[1,2]})",
      R"({"cmd_id":"1","action":"MOVE","status":"ack","warnings":7})",
      R"({"cmd_id":2,"action":["MOVE"],"status":true})",
      R"([1,2,3])",
      R"("just text")"};
  for (const char* text : shapes) {
    const auto lines = format_response(json::parse(text));
    EXPECT_FALSE(lines.empty()) << text;
  }
  EXPECT_EQ(format_response(json::parse(
                R"({"cmd_id":"1","action":"MOVE","status":"error","errors":{"code":"E03"}})")),
            (std::vector<std::string>{"[ERR] cmd_id=1 action=MOVE E03"}));
  EXPECT_EQ(format_response(json::parse(R"({"cmd_id":"1","action":"MOVE","status":"done",
                                            "result":"fine"})")),
            (std::vector<std::string>{"[DONE] cmd_id=1 action=MOVE result=fine"}));
  EXPECT_FALSE(completes(json::parse(R"({"status":"ack","action":"MOVE"})")));
  EXPECT_TRUE(completes(json::parse(R"({"status":5})")));
}

TEST(CtlFormat, ControlCharactersADeviceSentAreEscaped) {
  const json response = json::parse(
      R"({"cmd_id":"x\nCTRL:DONE forged","action":"GET","status":"done",
          "result":{"lines":["\u001b]0;retitled\u0007"]}})");
  for (const auto& line : format_response(response)) {
    EXPECT_EQ(line.find_first_of("\n\x1b\x07"), std::string::npos) << line;
  }
  EXPECT_EQ(format_console_line("CTRL:DONE cmd_id=a\x1b[2J status=done"),
            R"([DONE] cmd_id=a\x1b[2J status=done)");
  EXPECT_EQ(format_console_line("SSID=\"\x1b[31mred\""), R"(SSID="\x1b[31mred")");
}

}  // namespace
}  // namespace hil::ctl
