// Covers sim/time/virtual_scheduler.h: time order, ties in scheduling order, cancel, and where
// run_until leaves the clock.
#include "sim/time/virtual_scheduler.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hil::sim {
namespace {

using std::chrono::microseconds;

TEST(VirtualScheduler, StartsAtZeroWithNothingPending) {
  VirtualScheduler scheduler;
  EXPECT_EQ(scheduler.now(), microseconds(0));
  EXPECT_EQ(scheduler.pending(), 0u);
  EXPECT_FALSE(scheduler.next_event());
}

TEST(VirtualScheduler, RunsEventsInTimeOrderAndSetsTheClockToEachEvent) {
  VirtualScheduler scheduler;
  std::vector<std::pair<std::string, std::int64_t>> ran;
  scheduler.call_at(microseconds(300), [&] { ran.emplace_back("c", scheduler.now().count()); });
  scheduler.call_at(microseconds(100), [&] { ran.emplace_back("a", scheduler.now().count()); });
  scheduler.call_at(microseconds(200), [&] { ran.emplace_back("b", scheduler.now().count()); });
  EXPECT_EQ(scheduler.next_event(), microseconds(100));
  EXPECT_EQ(scheduler.run_until(microseconds(1000)), 3u);
  EXPECT_EQ(
      ran, (std::vector<std::pair<std::string, std::int64_t>>{{"a", 100}, {"b", 200}, {"c", 300}}));
}

TEST(VirtualScheduler, TiesRunInTheOrderTheyWereScheduled) {
  VirtualScheduler scheduler;
  std::string order;
  for (char c : std::string("abcde"))
    scheduler.call_at(microseconds(50), [&order, c] { order += c; });
  scheduler.run_until(microseconds(50));
  EXPECT_EQ(order, "abcde");
}

TEST(VirtualScheduler, RunUntilLeavesTheClockAtUntilAndKeepsLaterEvents) {
  VirtualScheduler scheduler;
  bool late = false;
  scheduler.call_at(microseconds(5000), [&] { late = true; });
  EXPECT_EQ(scheduler.run_until(microseconds(4999)), 0u);
  EXPECT_EQ(scheduler.now(), microseconds(4999));
  EXPECT_FALSE(late);
  EXPECT_EQ(scheduler.pending(), 1u);
  EXPECT_EQ(scheduler.advance(microseconds(1)), 1u);
  EXPECT_TRUE(late);
  EXPECT_EQ(scheduler.now(), microseconds(5000));
}

TEST(VirtualScheduler, RunUntilThePastDoesNotMoveTheClockBack) {
  VirtualScheduler scheduler;
  scheduler.advance(microseconds(1000));
  scheduler.run_until(microseconds(10));
  EXPECT_EQ(scheduler.now(), microseconds(1000));
}

TEST(VirtualScheduler, EventInThePastRunsAtNow) {
  VirtualScheduler scheduler;
  scheduler.advance(microseconds(1000));
  std::int64_t at = -1;
  scheduler.call_at(microseconds(10), [&] { at = scheduler.now().count(); });
  EXPECT_EQ(scheduler.run_due(), 1u);
  EXPECT_EQ(at, 1000);
}

TEST(VirtualScheduler, CancelForgetsATimerAndIgnoresUnknownOrFiredIds) {
  VirtualScheduler scheduler;
  int fired = 0;
  const auto keep = scheduler.call_at(microseconds(10), [&] { ++fired; });
  const auto drop = scheduler.call_at(microseconds(20), [&] { fired += 100; });
  EXPECT_NE(keep, 0u);
  EXPECT_NE(keep, drop);
  scheduler.cancel(drop);
  scheduler.cancel(drop);
  scheduler.cancel(0);
  scheduler.cancel(987654);
  EXPECT_EQ(scheduler.pending(), 1u);
  scheduler.run_until(microseconds(100));
  EXPECT_EQ(fired, 1);
  scheduler.cancel(keep);  // already fired
  EXPECT_EQ(scheduler.pending(), 0u);
}

TEST(VirtualScheduler, EventsScheduledWhileRunningRunInTheSamePassWhenDue) {
  VirtualScheduler scheduler;
  std::vector<std::int64_t> times;
  scheduler.call_at(microseconds(10), [&] {
    times.push_back(scheduler.now().count());
    scheduler.call_at(scheduler.now(), [&] { times.push_back(scheduler.now().count()); });
    scheduler.call_at(microseconds(40), [&] { times.push_back(scheduler.now().count()); });
    scheduler.call_at(microseconds(500), [&] { times.push_back(scheduler.now().count()); });
  });
  EXPECT_EQ(scheduler.run_until(microseconds(100)), 3u);
  EXPECT_EQ(times, (std::vector<std::int64_t>{10, 10, 40}));
  EXPECT_EQ(scheduler.pending(), 1u);
}

TEST(VirtualScheduler, AnEventMayCancelALaterOne) {
  VirtualScheduler scheduler;
  bool second = false;
  const auto later = scheduler.call_at(microseconds(20), [&] { second = true; });
  scheduler.call_at(microseconds(10), [&] { scheduler.cancel(later); });
  scheduler.run_until(microseconds(100));
  EXPECT_FALSE(second);
}

}  // namespace
}  // namespace hil::sim
