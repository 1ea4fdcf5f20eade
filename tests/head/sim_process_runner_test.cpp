// The simulated processes behave as their descriptions say, and report only from the scheduler.
#include "sim/head/sim_process_runner.h"

#include <gtest/gtest.h>

#include "sim/time/virtual_scheduler.h"

namespace hil::sim {
namespace {

using namespace std::chrono_literals;

struct Events : core::ProcessEvents {
  std::vector<std::string> seen;
  core::ProcessExit last_exit;
  void on_started(core::RunId run) override { seen.push_back("started " + std::to_string(run)); }
  void on_start_failed(core::RunId run, const std::string& why) override {
    seen.push_back("failed " + std::to_string(run) + ": " + why);
  }
  void on_exited(core::RunId run, const core::ProcessExit& exit) override {
    last_exit = exit;
    seen.push_back("exited " + std::to_string(run) + (exit.signaled ? " signal " : " code ") +
                   std::to_string(exit.code) + " survivors " + std::to_string(exit.survivors));
  }
  void on_tree_gone(core::RunId run) override { seen.push_back("gone " + std::to_string(run)); }
};

class SimRunnerTest : public ::testing::Test {
 protected:
  SimRunnerTest() { runner_.set_events(events_); }
  VirtualScheduler clock_;
  SimProcessRunner runner_{clock_};
  Events events_;
};

TEST_F(SimRunnerTest, AScriptRunsItsTimeAndExitsWithItsCode) {
  runner_.describe("/s/a.py", SimScript{2s, false, 3, "out", "boom", false, {}, 0, 5ms});
  runner_.start(1, "/s/a.py", {"x"});
  EXPECT_TRUE(events_.seen.empty()) << "nothing from inside start()";
  clock_.advance(5ms);
  EXPECT_EQ(events_.seen, (std::vector<std::string>{"started 1"}));
  clock_.advance(2s);
  EXPECT_EQ(events_.seen.back(), "exited 1 code 3 survivors 0");
  EXPECT_EQ(events_.last_exit.stderr_tail, "boom");
  EXPECT_EQ(runner_.args_of(1), std::vector<std::string>{"x"});
  EXPECT_EQ(runner_.processes_alive(), 0u);
}

TEST_F(SimRunnerTest, AnUnknownPathCannotStart) {
  runner_.start(1, "/elsewhere.py", {});
  EXPECT_TRUE(events_.seen.empty());
  clock_.run_due();
  EXPECT_EQ(events_.seen, (std::vector<std::string>{"failed 1: no script at /elsewhere.py"}));
}

TEST_F(SimRunnerTest, WhatAScriptLeftBehindOutlivesItUntilSignalled) {
  SimScript daemonizer;
  daemonizer.runs_for = 1s;
  daemonizer.forks = 2;
  runner_.describe("/s/d.py", daemonizer);
  runner_.start(1, "/s/d.py", {});
  clock_.advance(2s);
  EXPECT_EQ(events_.seen.back(), "exited 1 code 0 survivors 2");
  EXPECT_EQ(runner_.processes_alive(), 2u);
  runner_.signal(1, core::StopSignal::kTerminate);
  clock_.run_due();
  EXPECT_EQ(events_.seen.back(), "gone 1");
  EXPECT_EQ(runner_.processes_alive(), 0u);
}

TEST_F(SimRunnerTest, OnlySigkillEndsAScriptThatIgnoresSigterm) {
  SimScript stubborn;
  stubborn.runs_forever = true;
  stubborn.ignores_term = true;
  runner_.describe("/s/s.py", stubborn);
  runner_.start(1, "/s/s.py", {});
  clock_.advance(1s);
  runner_.signal(1, core::StopSignal::kTerminate);
  clock_.advance(10s);
  EXPECT_EQ(events_.seen.back(), "started 1");
  runner_.signal(1, core::StopSignal::kKill);
  clock_.run_due();
  EXPECT_EQ(events_.seen.back(), "exited 1 signal 9 survivors 0");
}

}  // namespace
}  // namespace hil::sim
