// Long runs: a run handed to observers as it goes (trace and dump the same as from a run kept
// whole), and a session that holds only what an expect can still read.
#include <gtest/gtest.h>

#include <cerrno>
#include <sstream>
#include <string>

#include "bench/scenario/runner.h"
#include "bench/scenario/session.h"
#include "bench/scenario/trace_writer.h"
#include "bench/scenario/vcd_writer.h"

namespace hil::scenario {
namespace {

using nlohmann::json;

template <typename Body>
Step step(Body body) {
  return Step{{}, "", std::move(body)};
}

SendStep serial(const std::string& line) {
  return SendStep{{"node", "serial", ""}, line, std::nullopt, 1, false};
}

SendStep mqtt(const json& payload) { return SendStep{{"node", "mqtt", ""}, "", payload, 1, false}; }

ExpectStep expect_serial(const std::string& regex, std::int64_t timeout_ms) {
  ExpectStep expect;
  expect.on = {"node", "serial", ""};
  expect.match.regex = regex;
  expect.timeout_ms = timeout_ms;
  return expect;
}

// Moves over the console and MQTT, with a message dropped, one duplicated and one delayed, so that
// lost marks and late deliveries are in the trace.
Scenario impaired_moves() {
  Scenario scenario;
  scenario.name = "impaired";
  scenario.devices = {DeviceSpec{"node", "stepper", json::object(), {}}};
  scenario.steps = {
      step(AdvanceStep{2000, false}),
      step(serial("MOVE:0,1200")),
      step(expect_serial("CTRL:DONE", 1000)),
      step(FaultStep{"drop", "node", "mqtt", 500, 1.0, 0}),
      step(mqtt({{"cmd_id", "d1"}, {"action", "GET"}})),
      step(AdvanceStep{600, false}),
      step(FaultStep{"duplicate", "node", "serial", 100, 1.0, 0}),
      step(serial("GET SPEED")),
      step(FaultStep{"delay", "node", "serial", 1000, 1.0, 300}),
      step(serial("MOVE:1,-400")),
      step(expect_serial("CTRL:DONE.*action=MOVE", 2000)),
      step(AdvanceStep{1500, false}),
  };
  return scenario;
}

TEST(LongRun, ATraceAndADumpWrittenAsTheRunGoesAreThoseOfARunKeptWhole) {
  const Scenario scenario = impaired_moves();
  const ScenarioResult whole = run_scenario(scenario);
  ASSERT_TRUE(whole.passed) << whole.failure->message;
  std::ostringstream kept_trace, kept_dump;
  write_trace(kept_trace, whole, 1, whole.clock);
  write_vcd(kept_dump, whole);

  std::ostringstream trace, dump;
  std::stringstream scratch;
  TraceStream trace_stream(trace, 1);
  VcdStream dump_stream(dump, scratch);
  RunOptions options;
  options.keep_history = false;
  options.observers = {&trace_stream, &dump_stream};
  const ScenarioResult streamed = run_scenario(scenario, options);
  ASSERT_TRUE(streamed.passed) << streamed.failure->message;
  EXPECT_TRUE(streamed.messages.empty());
  EXPECT_TRUE(streamed.samples.empty());
  EXPECT_EQ(streamed.message_count, whole.messages.size());
  EXPECT_EQ(trace.str(), kept_trace.str());
  EXPECT_EQ(dump.str(), kept_dump.str());
  EXPECT_TRUE(trace_stream.failure().empty());
  EXPECT_TRUE(dump_stream.failure().empty());
  EXPECT_NE(trace.str().find("\"lost\":true"), std::string::npos) << "the dropped GET";
}

TEST(LongRun, AFullDiskIsReportedWithTheSystemsReasonAndTheRunGoesOn) {
  std::ostringstream trace;
  trace.setstate(std::ios::badbit);  // as a stream whose writes fail
  errno = ENOSPC;
  TraceStream stream(trace, 1);
  RunOptions options;
  options.keep_history = false;
  options.observers = {&stream};
  const ScenarioResult result = run_scenario(impaired_moves(), options);
  EXPECT_TRUE(result.passed) << "the run itself is not cut short";
  EXPECT_EQ(stream.failure(), "No space left on device");
}

std::unique_ptr<Session> stepper_session() {
  SessionOptions options;
  options.keep_history = false;
  options.limit_ms = 100'000'000;
  auto session = Session::simulated(options);
  EXPECT_EQ(session->add_device(DeviceSpec{"node", "stepper", json::object(), {}}), "");
  return session;
}

StreamQuery console(const std::string& regex) {
  return StreamQuery{"node", "serial", "", std::regex(regex), std::nullopt};
}

TEST(LongRun, WhatAnExpectHasReadIsLetGoSoThousandsOfCommandsHoldNothing) {
  auto session = stepper_session();
  std::size_t handed = 0;
  session->observe([&](const LinkMessage&) { ++handed; }, nullptr);
  ASSERT_TRUE(session->expect(console("^CTRL:READY"), 10).match);
  for (int command = 0; command < 5000; ++command) {
    ASSERT_EQ(session->send("node", "serial", "", "GET SPEED"), "");
    ASSERT_TRUE(session->expect(console("SPEED=4000 status=done"), 100).match) << command;
  }
  EXPECT_GE(handed, 10000u) << "each command and its answer";
  EXPECT_TRUE(session->messages().empty());
  EXPECT_LT(session->held_messages(), 10u);
}

TEST(LongRun, UnreadMessagesPastTheCapAreLetGoAndAnExpectSaysSo) {
  auto session = stepper_session();
  for (int status = 0; status < 1200; ++status)  // 9 lines each: over 10,000 that nobody reads
    ASSERT_EQ(session->send("node", "serial", "", "STATUS"), "");
  EXPECT_GE(session->held_messages(), 10000u);
  EXPECT_LT(session->held_messages(), 10010u) << "the console's 10,000 and the few on MQTT";
  const ExpectOutcome banner = session->expect(console("^CTRL:READY"), 10);
  ASSERT_FALSE(banner.match) << "the banner came before the 10,000 newest lines";
  EXPECT_NE(banner.error.find("went unread and were let go: a link keeps the 10000 newest"),
            std::string::npos)
      << banner.error;
  EXPECT_TRUE(session->expect(console("^id=7 "), 10).match) << "a recent line is still there";
}

}  // namespace
}  // namespace hil::scenario
