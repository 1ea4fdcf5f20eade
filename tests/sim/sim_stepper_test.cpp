// Covers sim/stepper/sim_stepper.h: position over virtual time, arrival, stop mid-move, pulses, the
// driver port rules.
#include "sim/stepper/sim_stepper.h"

#include <gtest/gtest.h>

#include "sim/time/virtual_scheduler.h"

namespace hil::sim {
namespace {

using std::chrono::microseconds;

core::MoveProfile profile_to(std::int32_t target, std::uint32_t speed = 4000,
                             std::uint32_t accel = 16000) {
  return core::MoveProfile{target, speed, accel, 0};
}

TEST(SimStepper, PositionIsMonotonicAndReachesTheTargetAtTheEnd) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  int stopped = 0;
  ASSERT_TRUE(motor.start_move(profile_to(1200), [&] { ++stopped; }));
  EXPECT_TRUE(motor.moving());
  std::int32_t last = motor.position();
  EXPECT_EQ(last, 0);
  for (int ms = 1; ms < 550; ++ms) {
    scheduler.run_until(microseconds(ms * 1000));
    const std::int32_t now = motor.position();
    EXPECT_GE(now, last) << ms;
    EXPECT_LT(now, 1200) << ms;
    last = now;
  }
  EXPECT_EQ(stopped, 0);
  scheduler.run_until(microseconds(551000));
  EXPECT_EQ(motor.position(), 1200);
  EXPECT_FALSE(motor.moving());
  EXPECT_EQ(stopped, 1) << "on_stopped runs exactly once";
}

TEST(SimStepper, MidMovePositionFollowsTheProfile) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  motor.start_move(profile_to(1200), [] {});
  scheduler.run_until(microseconds(250000));  // end of the ramp: a t^2 / 2 = 500 steps
  EXPECT_NEAR(motor.position(), 500, 1);
  scheduler.run_until(microseconds(300000));  // 50 ms at cruise: +200
  EXPECT_NEAR(motor.position(), 700, 1);
}

TEST(SimStepper, NegativeMovesCountDown) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  motor.set_position(100);
  motor.start_move(profile_to(-100), [] {});
  std::int32_t last = 100;
  for (int ms = 1; ms <= 300; ++ms) {
    scheduler.run_until(microseconds(ms * 1000));
    EXPECT_LE(motor.position(), last);
    last = motor.position();
  }
  EXPECT_EQ(motor.position(), -100);
}

TEST(SimStepper, StopMidMoveHoldsThePositionAndReportsStoppedAsItsOwnEvent) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  int stopped = 0;
  motor.start_move(profile_to(1200), [&] { ++stopped; });
  scheduler.run_until(microseconds(300000));
  const std::int32_t here = motor.position();
  ASSERT_GT(here, 0);
  ASSERT_LT(here, 1200);
  motor.stop();
  EXPECT_EQ(stopped, 0) << "the callback is not re-entrant";
  EXPECT_EQ(motor.position(), here);
  scheduler.run_due();
  EXPECT_EQ(stopped, 1);
  EXPECT_FALSE(motor.moving());
  scheduler.run_until(microseconds(2000000));
  EXPECT_EQ(motor.position(), here) << "the original arrival was cancelled";
  EXPECT_EQ(stopped, 1);
}

TEST(SimStepper, StopWhenIdleDoesNothing) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  motor.stop();
  EXPECT_EQ(scheduler.pending(), 0u);
  EXPECT_FALSE(motor.moving());
}

TEST(SimStepper, RefusesAMoveWhileMovingOrWithZeroRates) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  EXPECT_FALSE(motor.start_move(profile_to(10, 0, 100), [] {}));
  EXPECT_FALSE(motor.start_move(profile_to(10, 100, 0), [] {}));
  EXPECT_TRUE(motor.start_move(profile_to(10), [] {}));
  EXPECT_FALSE(motor.start_move(profile_to(20), [] {}));
}

TEST(SimStepper, ZeroDistanceMoveStopsAtOnce) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  int stopped = 0;
  motor.start_move(profile_to(0), [&] { ++stopped; });
  scheduler.run_due();
  EXPECT_EQ(stopped, 1);
  EXPECT_EQ(motor.position(), 0);
}

TEST(SimStepper, SetPositionIsIgnoredWhileMoving) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  motor.start_move(profile_to(100), [] {});
  motor.set_position(5000);
  scheduler.run_until(microseconds(1000000));
  EXPECT_EQ(motor.position(), 100);
  motor.set_position(-7);
  EXPECT_EQ(motor.position(), -7);
}

TEST(SimStepper, PulsesAreStepsTimesTheMicrostepMultiplier) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  motor.set_microstep_multiplier(8);
  EXPECT_EQ(motor.microstep_multiplier(), 8u);
  motor.start_move(profile_to(100), [] {});
  scheduler.run_until(microseconds(1000000));
  EXPECT_EQ(motor.pulses(), 800u);
  motor.start_move(profile_to(50), [] {});
  scheduler.run_until(microseconds(2000000));
  EXPECT_EQ(motor.pulses(), 1200u) << "steps in both directions count";
}

TEST(SimStepper, EnableIsTheTestVisiblePowerStage) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  EXPECT_FALSE(motor.enabled());
  motor.set_enabled(true);
  EXPECT_TRUE(motor.enabled());
}

TEST(SimStepper, DestroyingAMovingMotorCancelsItsTimer) {
  VirtualScheduler scheduler;
  {
    SimStepper motor(scheduler);
    motor.start_move(profile_to(1200), [] { FAIL() << "callback of a destroyed motor"; });
  }
  EXPECT_EQ(scheduler.pending(), 0u);
  scheduler.run_until(microseconds(2000000));
}

}  // namespace
}  // namespace hil::sim
