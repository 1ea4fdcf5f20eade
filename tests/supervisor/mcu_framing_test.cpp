// What the MCU does with the bytes the Pi sends: garbage, overlong lines, half-written lines,
// \r\n, lines without cmd, unknown keys; everything ignored is counted and nothing stops it.
#include "tests/supervisor/mcu_test_support.h"

namespace hil::supervisor::mcu_test {
namespace {

constexpr const char* kPing = R"({"id":"p","cmd":"ping"})";
constexpr const char* kPong = R"({"id":"p","ok":true,"uptime_s":0})";

// Lines that are not requests: no reply, counted by kind, and the next request is answered.
TEST(McuFraming, IgnoredLinesGetNoReplyAndAreCountedByKind) {
  const struct {
    std::string bytes;
    std::uint64_t McuCounters::*counter;
    std::uint64_t count;
  } cases[] = {
      {std::string("\x00\xff\xfe\x1b[2J garbage\n", 16), &McuCounters::not_json, 1},
      {"[    0.000000] Booting Linux on physical CPU 0x0\n", &McuCounters::not_json, 1},
      {"[1,2]\n\"get_status\"\n42\nnull\n", &McuCounters::not_json, 4},  // JSON, not objects
      {"{\"cmd\":\"ping\"} trailing\n", &McuCounters::not_json, 1},
      {"{\"id\":\"\xc3\x28\",\"cmd\":\"ping\"}\n", &McuCounters::not_json, 1},  // invalid UTF-8
      {"{\"id\":\"1\"}\n{\"event\":\"telemetry\"}\n{\"id\":\"2\",\"command\":\"ping\"}\n",
       &McuCounters::no_cmd, 3},
      {"\n\r\n  \n", &McuCounters::empty, 3},
  };
  for (const auto& c : cases) {
    McuRig rig;
    rig.booted();
    rig.mcu.on_uart_bytes(c.bytes);
    EXPECT_TRUE(rig.take().empty()) << c.bytes;
    EXPECT_EQ(rig.mcu.counters().*c.counter, c.count) << c.bytes;
    EXPECT_EQ(rig.mcu.counters().requests, 0u) << c.bytes;
    EXPECT_EQ(rig.reply_to(kPing), kPong) << c.bytes;
  }
}

TEST(McuFraming, AnOverlongLineIsDroppedWholeEvenIfItIsARequest) {
  McuRig rig;
  rig.booted();
  std::string overlong = R"({"id":"big","cmd":"ping","pad":")";
  overlong += std::string(kMaxLineBytes, 'x') + "\"}";
  rig.send(overlong);
  EXPECT_TRUE(rig.take().empty());
  EXPECT_EQ(rig.mcu.counters().overlong, 1u);
  EXPECT_EQ(rig.mcu.counters().lines, 0u);
  EXPECT_EQ(rig.reply_to(kPing), kPong);
}

TEST(McuFraming, ARequestOfExactly512BytesIsAnswered) {
  McuRig rig;
  rig.booted();
  std::string line = R"({"id":"p","cmd":"ping","pad":")";
  line += std::string(kMaxLineBytes - line.size() - 2, 'x') + "\"}";
  ASSERT_EQ(line.size(), kMaxLineBytes);
  EXPECT_EQ(rig.reply_to(line), kPong);
}

TEST(McuFraming, AHalfWrittenLineIsAnsweredWhenItIsCompleted) {
  McuRig rig;
  rig.booted();
  rig.mcu.on_uart_bytes(R"({"id":"p","cm)");
  rig.advance(300ms);  // nothing is answered meanwhile (telemetry may come; no reply)
  for (const std::string& line : rig.take())
    EXPECT_EQ(line.find("\"ok\""), std::string::npos) << line;
  rig.mcu.on_uart_bytes(R"(d":"ping"})");
  rig.mcu.on_uart_bytes("\n");
  const std::vector<std::string> lines = rig.take();
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.front(), R"({"id":"p","ok":true,"uptime_s":0})");
}

TEST(McuFraming, EveryByteInItsOwnChunkStillMakesOneRequest) {
  McuRig rig;
  rig.booted();
  for (const char c : std::string(kPing) + "\r\n") rig.mcu.on_uart_bytes(std::string_view(&c, 1));
  const std::vector<std::string> lines = rig.take();
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.front(), kPong);
}

TEST(McuFraming, CarriageReturnsAreIgnored) {
  McuRig rig;
  rig.booted();
  rig.take();
  rig.mcu.on_uart_bytes("{\"id\":\"a\",\"cmd\":\"ping\"}\r\n{\"id\":\"b\",\r\"cmd\":\"ping\"}\r\n");
  const std::vector<std::string> lines = rig.take();
  ASSERT_EQ(lines.size(), 3u);  // two replies and the watchdog's "ok"
  EXPECT_EQ(lines[0], R"({"id":"a","ok":true,"uptime_s":0})");
  EXPECT_EQ(lines[2], R"({"id":"b","ok":true,"uptime_s":0})");
}

TEST(McuFraming, UnknownKeysAreIgnored) {
  McuRig rig;
  rig.booted();
  EXPECT_EQ(rig.reply_to(R"({"id":"p","cmd":"ping","extra":{"deep":[1,2,3]},"x":null})"), kPong);
}

TEST(McuFraming, ABreakForgetsAPartialLine) {
  McuRig rig;
  rig.booted();
  rig.mcu.on_uart_bytes(R"({"id":"lost","cmd":"get_st)");
  rig.mcu.on_uart_break();
  EXPECT_EQ(rig.reply_to(kPing), kPong);
  EXPECT_EQ(rig.mcu.counters().not_json, 0u);
}

TEST(McuFraming, EveryRequestGetsExactlyOneReplyInOrder) {
  McuRig rig;
  rig.booted();
  std::string burst;
  for (int i = 0; i < 50; ++i)
    burst +=
        R"({"id":")" + std::to_string(i) + R"(","cmd":")" + (i % 2 ? "ping" : "nope") + "\"}\n";
  rig.mcu.on_uart_bytes(burst);
  int next = 0;
  for (const std::string& line : rig.take()) {
    const json doc = json::parse(line);
    if (doc.contains("event")) continue;
    EXPECT_EQ(doc["id"], std::to_string(next));
    EXPECT_EQ(doc["ok"], next % 2 == 1);
    ++next;
  }
  EXPECT_EQ(next, 50);
  EXPECT_EQ(rig.mcu.counters().requests, 50u);
}

}  // namespace
}  // namespace hil::supervisor::mcu_test
