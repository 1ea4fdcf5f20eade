// Tests of AsioScheduler on a real io_context: order, cancel, ids and time scale.
#include "bench/io/asio_scheduler.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/bench_io/io_wait.h"

namespace hil::bench {
namespace {

using hil::core::Micros;
using std::chrono::milliseconds;
using testing::run_until;

TEST(AsioScheduler, IdsStartAtOne) {
  boost::asio::io_context io;
  AsioScheduler scheduler(io);
  EXPECT_EQ(scheduler.call_at(Micros(0), [] {}), 1u);
  EXPECT_EQ(scheduler.call_at(Micros(0), [] {}), 2u);
}

TEST(AsioScheduler, NowNeverGoesBackwards) {
  boost::asio::io_context io;
  AsioScheduler scheduler(io);
  Micros previous = scheduler.now();
  for (int i = 0; i < 1000; ++i) {
    const Micros now = scheduler.now();
    ASSERT_GE(now, previous);
    previous = now;
  }
}

TEST(AsioScheduler, FiresInTimeOrderNotCallOrder) {
  boost::asio::io_context io;
  AsioScheduler scheduler(io);
  std::string order;
  const Micros start = scheduler.now();
  scheduler.call_at(start + milliseconds(30), [&] { order += 'c'; });
  scheduler.call_at(start + milliseconds(10), [&] { order += 'a'; });
  scheduler.call_at(start + milliseconds(20), [&] { order += 'b'; });
  ASSERT_TRUE(run_until(io, [&] { return order.size() == 3; }));
  EXPECT_EQ(order, "abc");
  EXPECT_EQ(scheduler.pending(), 0u);
}

TEST(AsioScheduler, CallbackSeesItsDeadlineReached) {
  boost::asio::io_context io;
  AsioScheduler scheduler(io);
  const Micros when = scheduler.now() + milliseconds(5);
  Micros seen{-1};
  scheduler.call_at(when, [&] { seen = scheduler.now(); });
  ASSERT_TRUE(run_until(io, [&] { return seen.count() >= 0; }));
  EXPECT_GE(seen, when);
}

TEST(AsioScheduler, PastDeadlineRunsSoon) {
  boost::asio::io_context io;
  AsioScheduler scheduler(io);
  bool fired = false;
  scheduler.call_at(Micros(0), [&] { fired = true; });
  EXPECT_TRUE(run_until(io, [&] { return fired; }));
}

TEST(AsioScheduler, CancelledTimerNeverFiresAndIsFreed) {
  boost::asio::io_context io;
  AsioScheduler scheduler(io);
  std::vector<std::string> fired;
  const Micros start = scheduler.now();
  const auto early = scheduler.call_at(start + milliseconds(5), [&] { fired.push_back("early"); });
  scheduler.call_at(start + milliseconds(15), [&] { fired.push_back("late"); });
  scheduler.cancel(early);
  EXPECT_EQ(scheduler.pending(), 1u);
  scheduler.cancel(early);  // twice: ignored
  scheduler.cancel(12345);  // unknown: ignored
  ASSERT_TRUE(run_until(io, [&] { return !fired.empty(); }));
  EXPECT_EQ(fired, std::vector<std::string>{"late"});
  EXPECT_EQ(scheduler.pending(), 0u);
}

TEST(AsioScheduler, CallbackMaySchedule) {
  boost::asio::io_context io;
  AsioScheduler scheduler(io);
  int count = 0;
  std::function<void()> tick = [&] {
    if (++count < 3) scheduler.call_at(scheduler.now() + milliseconds(1), tick);
  };
  scheduler.call_at(scheduler.now(), tick);
  ASSERT_TRUE(run_until(io, [&] { return count == 3; }));
  EXPECT_EQ(scheduler.pending(), 0u);
}

TEST(AsioScheduler, TimeScaleRunsDeviceTimeFaster) {
  boost::asio::io_context io;
  AsioScheduler scheduler(io, 50.0);
  std::vector<Micros> fired_at;
  const Micros start = scheduler.now();
  const Micros half_second = start + milliseconds(500);
  const Micros quarter_second = start + milliseconds(250);
  scheduler.call_at(half_second, [&] { fired_at.push_back(scheduler.now()); });
  scheduler.call_at(quarter_second, [&] { fired_at.push_back(scheduler.now()); });
  // At 50x, 500 ms of device time is about 10 ms of wall time.
  ASSERT_TRUE(run_until(io, [&] { return fired_at.size() == 2; }));
  EXPECT_GE(fired_at[0], quarter_second);
  EXPECT_LT(fired_at[0], half_second);
  EXPECT_GE(fired_at[1], half_second);
}

TEST(AsioScheduler, PendingTimersDoNothingAfterDestruction) {
  boost::asio::io_context io;
  bool fired = false;
  {
    AsioScheduler scheduler(io);
    scheduler.call_at(Micros(0), [&] { fired = true; });
  }
  io.run();  // returns once the cancelled waits have completed
  EXPECT_FALSE(fired);
}

}  // namespace
}  // namespace hil::bench
