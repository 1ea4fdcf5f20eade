// Tests of the scenario runner and its session: ordered cursors, captures, faults, limits,
// determinism, traces and JUnit reports, on in-process simulated steppers.
#include "bench/scenario/runner.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "bench/scenario/junit_report.h"
#include "bench/scenario/scenario_loader.h"
#include "bench/scenario/trace_writer.h"

namespace hil::scenario {
namespace {

namespace fs = std::filesystem;

// Loads a scenario from text (one stepper device named node) and runs it.
class RunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("hil_runner_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
            std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Scenario load(const std::string& steps, const std::string& head = "") {
    const fs::path path = dir_ / "s.yaml";
    std::ofstream(path) << "name: t\n"
                        << head << "devices:\n  - {name: node, kind: stepper}\nsteps:\n"
                        << steps;
    auto loaded = load_scenario(path.string());
    if (const auto* error = std::get_if<LoadError>(&loaded)) {
      ADD_FAILURE() << error->to_string();
      return {};
    }
    return std::get<Scenario>(loaded);
  }

  ScenarioResult run(const std::string& steps, std::uint64_t seed = 1,
                     const std::string& head = "") {
    RunOptions options;
    options.seed = seed;
    return run_scenario(load(steps, head), options);
  }

  static std::string trace_of(const ScenarioResult& result, std::uint64_t seed) {
    std::ostringstream out;
    write_trace(out, result, seed, result.clock);
    return out.str();
  }

  fs::path dir_;
};

const char* const kMoveAndDone =
    "  - advance: 2000\n"
    "  - send: {serial: \"MOVE:0,1200\"}\n"
    "  - expect: {serial: 'CTRL:ACK msg_id=(\\S+) est_ms=550', timeout_ms: 10, capture: {id: 1}}\n"
    "  - expect: {serial: 'CTRL:DONE cmd_id=${id} action=MOVE actual_ms=550 status=done', "
    "timeout_ms: 600}\n";

TEST_F(RunnerTest, ConsoleMoveAckThenDoneWithTheCapturedId) {
  const auto result = run(kMoveAndDone);
  EXPECT_TRUE(result.passed) << result.failure->message;
  EXPECT_EQ(result.steps_run, 4u);
  EXPECT_EQ(result.virtual_us, 2'550'000);  // the DONE comes exactly at the end of the move
}

TEST_F(RunnerTest, AMessageDueExactlyAtTheDeadlineIsFound) {
  // Regression: the match found at the deadline was searched for again past the cursor and lost.
  const auto result =
      run("  - advance: 2000\n  - send: {serial: \"MOVE:0,1200\"}\n"
          "  - expect: {serial: '^CTRL:DONE .*action=MOVE', timeout_ms: 550}\n");
  EXPECT_TRUE(result.passed) << result.failure->message;
  EXPECT_EQ(result.virtual_us, 2'550'000);
}

TEST_F(RunnerTest, TwoExpectsInARowNeverMissTheSecondMessageOfOneInstant) {
  // Both ACKs of a batch are printed in the same instant; the second expect still finds its line.
  const auto result =
      run("  - send: {serial: \"M:1,100;M:2,200\"}\n"
          "  - expect: {serial: 'est_ms=160', timeout_ms: 0}\n"
          "  - expect: {serial: 'est_ms=224', timeout_ms: 0}\n"
          "  - expect: {serial: 'est_ms=224', timeout_ms: 0}\n");  // the batch summary ACK
  EXPECT_TRUE(result.passed) << result.failure->message;
}

TEST_F(RunnerTest, AnExpectConsumesUpToItsMatchSoAnEarlierLineIsNotFoundAgain) {
  const auto result =
      run("  - send: {serial: \"M:1,100;M:2,200\"}\n"
          "  - expect: {serial: 'est_ms=224', timeout_ms: 0}\n"
          "  - expect: {serial: 'est_ms=160', timeout_ms: 10}\n");
  ASSERT_FALSE(result.passed);
  EXPECT_EQ(result.failure->where.line, 7);
  EXPECT_EQ(result.failure->where.column, 5);
}

TEST_F(RunnerTest, AFailedExpectSaysWhereWhatAndTheNearestMessages) {
  const auto result =
      run("  - advance: 2000\n  - send: {serial: \"MOVE:0,1200\"}\n  - expect: {serial: "
          "'est_ms=551', timeout_ms: 50}\n");
  ASSERT_FALSE(result.passed);
  EXPECT_EQ(result.failure->where.line, 7);
  EXPECT_EQ(result.failure->message, "no match within 50 ms");
  EXPECT_NE(result.failure->expected.find("est_ms=551"), std::string::npos);
  ASSERT_FALSE(result.failure->nearest.empty());
  EXPECT_NE(result.failure->nearest.back().find("est_ms=550"), std::string::npos);
  EXPECT_EQ(result.virtual_us, 2'050'000);  // it waited exactly its timeout
}

TEST_F(RunnerTest, JsonSubsetMatchAndCaptureByPath) {
  const auto result =
      run("  - send: {mqtt: {json: {cmd_id: c1, action: MOVE, params: {target_ids: 3, "
          "position_steps: 1200}}}}\n"
          "  - expect: {mqtt: {json: {cmd_id: c1, status: ack}}, capture: {est: result.est_ms}}\n"
          "  - expect: {mqtt: {json: {cmd_id: c1, status: done, result: {actual_ms: '${est}'}}}, "
          "timeout_ms: 1000}\n");
  EXPECT_TRUE(result.passed) << "a captured number stays a number: " << result.failure->message;
  const auto numeric =
      run("  - send: {mqtt: {json: {cmd_id: c1, action: MOVE, params: {target_ids: 3, "
          "position_steps: 1200}}}}\n"
          "  - expect: {mqtt: {json: {cmd_id: c1, status: ack}}, capture: {est: result.est_ms}}\n"
          "  - expect: {mqtt: {topic: '~/cmd/resp', regex: '\"actual_ms\":${est}'}, timeout_ms: "
          "1000}\n");
  EXPECT_TRUE(numeric.passed) << numeric.failure->message;
}

TEST_F(RunnerTest, ExpectsOnDifferentTopicsHaveTheirOwnCursors) {
  const auto result =
      run("  - send: {mqtt: {json: {cmd_id: c1, action: MOVE, params: {target_ids: 0, "
          "position_steps: 600}}}}\n"
          "  - expect: {mqtt: {json: {cmd_id: c1, status: done}}, timeout_ms: 1000}\n"
          "  - expect: {mqtt: {topic: '~/status', json: {motors: {'0': {moving: true}}}}, "
          "timeout_ms: 0}\n"
          "  - expect: {mqtt: {topic: '~/+', json: {motors: {'0': {position: 600, moving: "
          "false}}}}, timeout_ms: 0}\n");
  EXPECT_TRUE(result.passed) << result.failure->message;
}

TEST_F(RunnerTest, ExpectNoneFailsOnAMatchInItsWindow) {
  const auto quiet = run("  - expect_none: {serial: 'CTRL:ERR', for_ms: 1000}\n");
  EXPECT_TRUE(quiet.passed);
  // Joining an unknown network fails 1.5 s later, inside the window.
  const auto noisy =
      run("  - advance: 2000\n  - send: {serial: 'NET:SET,\"Nowhere\",\"password123\"'}\n"
          "  - expect_none: {serial: 'NET_CONNECT_FAILED', for_ms: 2000}\n");
  ASSERT_FALSE(noisy.passed);
  EXPECT_NE(noisy.failure->nearest.at(0).find("3500 ms CTRL:INFO NET_CONNECT_FAILED"),
            std::string::npos);
}

TEST_F(RunnerTest, ExpectNoneIgnoresWhatCameBeforeItsWindowAndLeavesItForLaterExpects) {
  const auto result =
      run("  - send: {serial: \"MOVE:9,1\"}\n"
          "  - expect_none: {serial: 'CTRL:ERR', for_ms: 1000}\n"
          "  - expect: {serial: 'CTRL:ERR msg_id=\\S+ E02 BAD_ID', timeout_ms: 0}\n");
  EXPECT_TRUE(result.passed) << result.failure->message;
}

TEST_F(RunnerTest, ADonePublishedDuringABrokerOutageArrivesAfterReconnection) {
  const auto result =
      run("  - send: {mqtt: {json: {cmd_id: m1, action: MOVE, params: {target_ids: 0, "
          "position_steps: 1200}}}}\n"
          "  - expect: {mqtt: {json: {cmd_id: m1, status: ack}}}\n"
          "  - fault: {kind: broker_outage, for_ms: 3000}\n"
          "  - send: {mqtt: {json: {cmd_id: lost, action: GET}}}\n"
          "  - expect: {mqtt: {json: {cmd_id: m1, status: done}}, timeout_ms: 5000}\n"
          "  - expect_none: {mqtt: {json: {cmd_id: lost}}, for_ms: 1000}\n");
  ASSERT_TRUE(result.passed) << result.failure->message;
  bool lost_marked = false;
  for (const auto& message : result.messages) {
    if (message.inbound && message.payload.find("\"lost\"") != std::string::npos)
      lost_marked = message.lost;
    if (!message.inbound && message.payload.find("\"status\":\"done\"") != std::string::npos) {
      EXPECT_GE(message.time_us, 3'000'000) << "published while the broker was away";
    }
  }
  EXPECT_TRUE(lost_marked) << "a command sent during the outage never reaches the node";
}

TEST_F(RunnerTest, PowerCycleBootsAgainAndKeepsSettings) {
  const auto result =
      run("  - send: {serial: \"SET SPEED=5000\"}\n"
          "  - expect: {serial: 'SPEED=5000 status=done'}\n"
          "  - fault: {kind: power_cycle}\n"
          "  - expect: {serial: 'CTRL:READY', timeout_ms: 0}\n"
          "  - send: {serial: \"GET SPEED\"}\n"
          "  - expect: {serial: 'SPEED=5000 status=done', timeout_ms: 0}\n");
  EXPECT_TRUE(result.passed) << result.failure->message;
}

TEST_F(RunnerTest, AHotAmbientTripsTheDriverAndTheShaftLosesSteps) {
  const auto result =
      run("  - send: {serial: \"SET THERMAL_LIMITING=OFF\"}\n"
          "  - expect: {serial: 'THERMAL_LIMITING=OFF.*status=done'}\n"
          "  - set: {ambient: {celsius: 85}}\n"
          "  - send: {serial: \"WAKE:0\"}\n"
          "  - expect: {serial: 'CTRL:DONE.*action=WAKE'}\n"
          "  - advance: 100000\n"  // energized at 85 C: the cut-out trips after about 91 s
          "  - send: {serial: \"MOVE:0,1200\"}\n"
          "  - expect: {serial: 'CTRL:DONE.*action=MOVE'}\n"
          "  - advance: 200\n",  // a state sample after the end
          1, "limit_ms: 200000\n");
  ASSERT_TRUE(result.passed) << result.failure->message;
  bool tripped = false;
  for (const StateSample& sample : result.samples) {
    if (sample.devices.contains("node"))
      tripped |= sample.devices.at("node").at("driver_overheated").at(0) == true;
  }
  EXPECT_TRUE(tripped);
  const auto& last = result.samples.back().devices["node"];
  EXPECT_EQ(last["position"][0], 1200) << "the firmware counted every step";
  EXPECT_EQ(last["shaft_position"][0], 0) << "the driver's outputs were off for the whole move";
  EXPECT_EQ(last["driver_overheated"][1], false) << "an idle driver only warms to the air";
}

TEST_F(RunnerTest, TheSamplesEndWithTheStateAtTheEndOfTheRun) {
  // Regression: a run ending between two samples (at 2.55 s, the DONE of a move) left the plots
  // at the sample of 2.5 s, mid-move.
  const auto result = run(kMoveAndDone);
  ASSERT_TRUE(result.passed) << result.failure->message;
  ASSERT_FALSE(result.samples.empty());
  EXPECT_EQ(result.samples.back().time_us, result.virtual_us);
  EXPECT_EQ(result.samples.back().devices["node"]["position"][0], 1200);
  for (std::size_t i = 1; i < result.samples.size(); ++i)
    EXPECT_LT(result.samples[i - 1].time_us, result.samples[i].time_us);
}

TEST_F(RunnerTest, AnAmbientOutsideTheRangeIsABadSetStep) {
  const auto result = run("  - set: {ambient: {celsius: 900}}\n");
  ASSERT_FALSE(result.passed);
  EXPECT_NE(result.failure->message.find("'celsius' must be a number in -40..200"),
            std::string::npos)
      << result.failure->message;
}

TEST_F(RunnerTest, RepeatCountsWithItsIndex) {
  const auto result =
      run("  - repeat:\n      count: 3\n      steps:\n"
          "        - send: {serial: \"SET SPEED=100${repeat_index}\"}\n"
          "        - expect: {serial: 'SPEED=100${repeat_index} status=done', timeout_ms: 0}\n");
  EXPECT_TRUE(result.passed) << result.failure->message;
  EXPECT_EQ(result.steps_run, 7u);
}

TEST_F(RunnerTest, TheScenarioLimitStopsAnythingThatWouldRunLonger) {
  const auto result = run("  - advance: 5000\n", 1, "limit_ms: 1000\n");
  ASSERT_FALSE(result.passed);
  EXPECT_NE(result.failure->message.find("limit"), std::string::npos);
  EXPECT_EQ(result.virtual_us, 1'000'000);
}

TEST_F(RunnerTest, AMatchBeforeTheLimitPassesEvenIfTheTimeoutReachesBeyondIt) {
  // Regression: the limit check searched the stream again past the match and reported the limit.
  const auto result = run(
      "  - send: {serial: \"MOVE:0,1200\"}\n  - expect: {serial: 'CTRL:DONE', timeout_ms: 60000}\n",
      1, "limit_ms: 5000\n");
  EXPECT_TRUE(result.passed) << result.failure->message;
  EXPECT_EQ(result.virtual_us, 550'000);
}

TEST_F(RunnerTest, AnUndefinedVariableIsAnError) {
  const auto result = run("  - send: {serial: \"MOVE:${nope},1\"}\n");
  ASSERT_FALSE(result.passed);
  EXPECT_EQ(result.failure->message, "undefined variable ${nope}");
}

TEST_F(RunnerTest, DroppedMessagesNeverArriveAndTheLinkRecovers) {
  const auto result =
      run("  - fault: {kind: drop, link: mqtt, for_ms: 1000}\n"
          "  - send: {mqtt: {json: {cmd_id: d1, action: GET, params: {resource: SPEED}}}}\n"
          "  - expect_none: {mqtt: {json: {cmd_id: d1}}, for_ms: 1000}\n"
          "  - send: {mqtt: {json: {cmd_id: d2, action: GET, params: {resource: SPEED}}}}\n"
          "  - expect: {mqtt: {json: {cmd_id: d2, status: done}}, timeout_ms: 0}\n");
  ASSERT_TRUE(result.passed) << result.failure->message;
  bool lost = false;
  for (const auto& m : result.messages)
    lost = lost || (m.inbound && m.lost && m.payload.find("d1") != std::string::npos);
  EXPECT_TRUE(lost) << "the trace marks the dropped command";
}

TEST_F(RunnerTest, ADuplicatedCommandRunsOnceAndItsAnswerComesTwice) {
  const auto result =
      run("  - fault: {kind: duplicate, link: mqtt, for_ms: 10}\n"
          "  - send: {mqtt: {json: {cmd_id: m1, action: MOVE, params: {target_ids: 0, "
          "position_steps: 100}}}}\n"
          "  - expect: {mqtt: {json: {cmd_id: m1, status: ack}}, timeout_ms: 0}\n"
          "  - expect: {mqtt: {json: {cmd_id: m1, status: ack}}, timeout_ms: 0}\n"
          "  - expect: {serial: 'CTRL:INFO MQTT_DUPLICATE cmd_id=m1', timeout_ms: 0}\n"
          "  - expect: {mqtt: {json: {cmd_id: m1, status: done}}, timeout_ms: 200}\n");
  EXPECT_TRUE(result.passed) << result.failure->message;
}

TEST_F(RunnerTest, DelayedMessagesArriveThatMuchLaterBothWays) {
  const auto result =
      run("  - fault: {kind: delay, link: serial, for_ms: 1000, delay_ms: 300}\n"
          "  - send: {serial: \"GET SPEED\"}\n"
          "  - expect: {serial: 'SPEED=4000', timeout_ms: 1000}\n");
  ASSERT_TRUE(result.passed) << result.failure->message;
  EXPECT_EQ(result.virtual_us, 600'000) << "300 ms to the node, 300 ms back";
}

TEST_F(RunnerTest, ImpairmentsPickTheSameMessagesForTheSameSeed) {
  const std::string steps =
      "  - fault: {kind: corrupt, link: serial, for_ms: 5000, share: 0.5}\n"
      "  - repeat:\n      count: 20\n      steps:\n"
      "        - send: {serial: \"GET ACCEL\"}\n"
      "        - advance: 100\n";
  const auto a = run(steps, 5), b = run(steps, 5), c = run(steps, 6);
  ASSERT_TRUE(a.passed) << a.failure->message;
  EXPECT_EQ(trace_of(a, 5), trace_of(b, 5));
  EXPECT_NE(trace_of(a, 5), trace_of(c, 6));
  std::size_t answered = 0;
  for (const auto& m : a.messages)
    answered += m.payload.find("ACCEL=16000 status=done") != std::string::npos ? 1 : 0;
  EXPECT_GT(answered, 0u);
  EXPECT_LT(answered, 20u) << "some commands or answers were corrupted";
}

TEST_F(RunnerTest, TheSameSeedGivesTheSameTraceByteForByte) {
  const std::string steps = std::string(kMoveAndDone) +
                            "  - send: {mqtt: {json: {action: HOME, params: {target_ids: ALL}}}}\n"
                            "  - advance: 3000\n";
  const auto a = run(steps, 7), b = run(steps, 7), c = run(steps, 8);
  EXPECT_EQ(trace_of(a, 7), trace_of(b, 7));
  EXPECT_NE(trace_of(a, 7), trace_of(c, 8)) << "generated ids follow the seed";
}

TEST_F(RunnerTest, TheTraceStartsWithAHeaderAndHasEveryMessage) {
  const auto result = run(kMoveAndDone);
  std::istringstream in(trace_of(result, 1));
  std::string line;
  std::getline(in, line);
  const auto header = nlohmann::json::parse(line);
  EXPECT_EQ(header["format"], "hilbench-trace");
  EXPECT_EQ(header["version"], 1);
  EXPECT_EQ(header["clock"], "virtual");
  EXPECT_EQ(header["devices"][0]["node_id"], "24a1601b2c3d");
  std::size_t count = 0;
  bool saw_send = false;
  while (std::getline(in, line)) {
    const auto entry = nlohmann::json::parse(line);
    saw_send = saw_send || (entry["dir"] == "in" && entry["payload"] == "MOVE:0,1200" &&
                            entry["t_us"] == 2'000'000);
    ++count;
  }
  EXPECT_EQ(count, result.messages.size());
  EXPECT_TRUE(saw_send);
}

TEST_F(RunnerTest, JunitNamesTheFailingStepWithExpectedAndNearest) {
  const auto pass = run(kMoveAndDone);
  auto fail =
      run("  - advance: 2000\n  - send: {serial: \"MOVE:0,1200\"}\n  - expect: {serial: "
          "'est_ms=<551>', timeout_ms: 5}\n");
  fail.name = "bad \"one\"";
  std::ostringstream out;
  write_junit(out, {pass, fail}, "suite");
  const std::string xml = out.str();
  EXPECT_NE(xml.find("tests=\"2\" failures=\"1\""), std::string::npos);
  EXPECT_NE(xml.find("name=\"bad &quot;one&quot;\""), std::string::npos);
  EXPECT_NE(xml.find("expected: node serial /est_ms=&lt;551&gt;/"), std::string::npos);
  EXPECT_NE(xml.find("nearest actual messages:"), std::string::npos);
  EXPECT_NE(xml.find("est_ms=550"), std::string::npos);
}

}  // namespace
}  // namespace hil::scenario
