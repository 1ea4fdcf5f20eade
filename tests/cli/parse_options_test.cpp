// The shared parser: every value checked for type and range, every message naming the flag.
#include "bench/cli/parse_options.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace hil::cli {
namespace {

// Parses `args`; the usage error it printed ("" when it went on), from stderr.
std::string refusal(CommandFlags& flags, const std::vector<std::string>& args) {
  ::testing::internal::CaptureStderr();
  const auto done = flags.parse(args);
  const std::string printed = ::testing::internal::GetCapturedStderr();
  if (!done) return "";
  EXPECT_EQ(*done, kExitUsage) << printed;
  return printed;
}

TEST(ParseOptions, TimeScaleNanIsRefusedNotRunAtScaleOne) {
  double scale = 1;
  CommandFlags flags("sim stepper", "usage");
  flags.add()("time-scale", time_scale_number(&scale)->default_value(1.0), "");
  EXPECT_EQ(refusal(flags, {"--time-scale", "nan"}),
            "hilbench sim stepper: --time-scale must be from 0.001 to 1000, not 'nan'\n");
}

TEST(ParseOptions, InfinityAndZeroTimeScalesAreRefused) {
  for (const std::string word : {"inf", "-inf", "0", "-1", "1e9", "fast", ""}) {
    double scale = 1;
    CommandFlags flags("run", "usage");
    flags.add()("time-scale", time_scale_number(&scale), "");
    EXPECT_NE(refusal(flags, {"--time-scale", word}).find("--time-scale must be"),
              std::string::npos)
        << word;
  }
}

TEST(ParseOptions, NegativeSeedIsRefusedNotWrappedAround) {
  std::uint64_t seed = 1;
  CommandFlags flags("run", "usage");
  flags.add()("seed", number(&seed), "");
  EXPECT_EQ(refusal(flags, {"--seed", "-1"}),
            "hilbench run: --seed must be a whole number >= 0, not '-1'\n");
  EXPECT_EQ(seed, 1u);
}

TEST(ParseOptions, WholeNumbersRefuseFractionsHexAndOverflow) {
  for (const std::string word : {"1.5", "0x10", "+3", "3 ", "99999999999"}) {
    int port = 0;
    CommandFlags flags("broker", "usage");
    flags.add()("port", number(&port)->within(0, 65535), "");
    EXPECT_EQ(
        refusal(flags, {"--port", word}),
        "hilbench broker: --port must be a whole number from 0 to 65535, not '" + word + "'\n");
  }
}

TEST(ParseOptions, ValuesInRangeAreTaken) {
  double scale = 1;
  std::uint64_t seed = 1;
  std::int64_t wait_ms = 0;
  CommandFlags flags("run", "usage");
  flags.add()("time-scale", time_scale_number(&scale), "")("seed", number(&seed), "")(
      "wait-ms", span_ms(&wait_ms), "");
  EXPECT_EQ(
      refusal(flags, {"--time-scale", "2.5", "--seed", "18446744073709551615", "--wait-ms", "0"}),
      "");
  EXPECT_EQ(scale, 2.5);
  EXPECT_EQ(seed, UINT64_MAX);
  EXPECT_EQ(wait_ms, 0);
}

TEST(ParseOptions, OpenLowerBoundsSayGreaterThan) {
  double duration = 0;
  CommandFlags flags("record", "usage");
  flags.add()("duration", number(&duration)->above(0)->at_most(10), "");
  EXPECT_EQ(refusal(flags, {"--duration", "-1"}),
            "hilbench record: --duration must be > 0 and <= 10, not '-1'\n");
}

TEST(ParseOptions, UnknownWordIsRefusedNotIgnored) {
  std::string serial;
  CommandFlags flags("supv", "usage");
  flags.add()("serial", text(&serial), "");
  EXPECT_EQ(refusal(flags, {"frobnicate", "--serial", "P"}),
            "hilbench supv: unexpected word 'frobnicate'\n");
}

TEST(ParseOptions, WordsBeyondTheirCountAreRefused) {
  std::string trace;
  CommandFlags flags("replay", "usage");
  flags.add()("trace", text(&trace), "");
  flags.take_words("trace", 1);
  EXPECT_EQ(refusal(flags, {"a.jsonl", "b.jsonl"}), "hilbench replay: unexpected word 'b.jsonl'\n");
  CommandFlags one("replay", "usage");
  one.add()("trace", text(&trace), "");
  one.take_words("trace", 1);
  EXPECT_EQ(refusal(one, {"a.jsonl"}), "");
  EXPECT_EQ(trace, "a.jsonl");
}

TEST(ParseOptions, ChoicesAreNamedInTheCaseTheFlagTakes) {
  std::string model;
  CommandFlags flags("hvac", "usage");
  flags.add()("model", one_of(&model, {"daikin", "daikin312"}), "");
  EXPECT_EQ(refusal(flags, {"--model", "lg"}),
            "hilbench hvac: --model must be daikin or daikin312, not 'lg'\n");
}

TEST(ParseOptions, EmptyTextIsRefusedWhereItMeansNothing) {
  std::string node;
  CommandFlags flags("sim stepper", "usage");
  flags.add()("node-id", text(&node)->not_empty(), "");
  EXPECT_EQ(refusal(flags, {"--node-id", ""}),
            "hilbench sim stepper: --node-id must not be empty\n");
}

TEST(ParseOptions, BrokerUrlsAreCheckedWhenParsed) {
  std::string url;
  CommandFlags flags("ctl", "usage");
  flags.add()("broker", broker_url(&url), "");
  EXPECT_EQ(refusal(flags, {"--broker", "localhost:1883"}),
            "hilbench ctl: --broker: broker URL must start with mqtt:// or mqtts://: "
            "'localhost:1883'\n");
}

TEST(ParseOptions, GivenTellsAFlagFromItsDefault) {
  double scale = 1;
  CommandFlags flags("run", "usage");
  flags.add()("time-scale", time_scale_number(&scale)->default_value(1.0), "");
  EXPECT_EQ(refusal(flags, {}), "");
  EXPECT_FALSE(flags.given("time-scale"));
}

TEST(ParseOptions, HelpPrintsTheUsageAndExitsZero) {
  CommandFlags flags("kinds", "hilbench kinds [--markdown]");
  ::testing::internal::CaptureStdout();
  const auto done = flags.parse({"--help"});
  const std::string printed = ::testing::internal::GetCapturedStdout();
  ASSERT_TRUE(done);
  EXPECT_EQ(*done, 0);
  EXPECT_EQ(printed.rfind("usage: hilbench kinds [--markdown]\n", 0), 0u) << printed;
}

}  // namespace
}  // namespace hil::cli
