// Covers the fault side of sim/stepper/sim_stepper.h: stalls, missed steps, travel limits, and
// homing that realigns.
#include <gtest/gtest.h>

#include "sim/rigs/virtual_stepper_rig.h"
#include "sim/stepper/sim_stepper.h"
#include "sim/time/virtual_scheduler.h"

namespace hil::sim {
namespace {

using std::chrono::microseconds;

core::MoveProfile profile_to(std::int32_t target) {
  return core::MoveProfile{target, 4000, 16000, 0};
}

// Runs one move to its end; the clock is left just after the arrival.
void move_to(VirtualScheduler& scheduler, SimStepper& motor, std::int32_t target) {
  ASSERT_TRUE(motor.start_move(profile_to(target), [] {}));
  scheduler.run_until(scheduler.now() + microseconds(5000000));
  ASSERT_FALSE(motor.moving());
}

// The firmware's HOME legs with its defaults (overshoot 800, backoff 125, full range 2400), then
// zero.
void home(VirtualScheduler& scheduler, SimStepper& motor) {
  move_to(scheduler, motor, motor.position() - (2400 + 800));
  move_to(scheduler, motor, motor.position() + 125);
  move_to(scheduler, motor, motor.position() + 1200);
  motor.set_position(0);
}

TEST(SimStepperFaults, WithoutFaultsTheShaftFollowsTheCounter) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  motor.start_move(profile_to(1200), [] {});
  for (int ms = 0; ms <= 600; ms += 50) {
    scheduler.run_until(microseconds(ms * 1000));
    EXPECT_EQ(motor.shaft_position(), motor.position()) << ms;
  }
  EXPECT_EQ(motor.shaft_position(), 1200);
}

TEST(SimStepperFaults, AStallKeepsTheShaftStillWhileTheCounterMoves) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  motor.start_move(profile_to(1200), [] {});
  scheduler.run_until(microseconds(250000));  // 500 steps in
  const std::int32_t stalled_at = motor.shaft_position();
  EXPECT_NEAR(stalled_at, 500, 1);
  motor.set_stalled(true);
  EXPECT_TRUE(motor.stalled());
  scheduler.run_until(microseconds(1000000));
  EXPECT_EQ(motor.position(), 1200) << "the driver counted every pulse";
  EXPECT_EQ(motor.shaft_position(), stalled_at);
  EXPECT_EQ(motor.pulses(), 1200u);

  motor.set_stalled(false);
  move_to(scheduler, motor, 1000);
  EXPECT_EQ(motor.shaft_position(), stalled_at - 200)
      << "after the stall the shaft turns again, offset";
}

TEST(SimStepperFaults, MissedStepsLagExactlyN) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  motor.miss_steps(37);
  move_to(scheduler, motor, 1200);
  EXPECT_EQ(motor.position(), 1200);
  EXPECT_EQ(motor.shaft_position(), 1200 - 37);
  move_to(scheduler, motor, 0);
  EXPECT_EQ(motor.shaft_position(), -37) << "the lost steps are gone for good, not repeated";
}

TEST(SimStepperFaults, MissedStepsCarryOverToTheNextMove) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  motor.miss_steps(30);
  move_to(scheduler, motor, 20);
  EXPECT_EQ(motor.shaft_position(), 0);
  move_to(scheduler, motor, -100);
  EXPECT_EQ(motor.shaft_position(), -110) << "10 of the 120 steps back are lost";
  move_to(scheduler, motor, 0);
  EXPECT_EQ(motor.shaft_position(), -10);
}

TEST(SimStepperFaults, MissedStepsDuringAMoveLagFromThatPointOn) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  motor.start_move(profile_to(1200), [] {});
  scheduler.run_until(microseconds(250000));
  motor.miss_steps(5);
  EXPECT_EQ(motor.shaft_position(), motor.position()) << "nothing lost before the next pulse";
  scheduler.run_until(microseconds(1000000));
  EXPECT_EQ(motor.shaft_position(), 1195);
}

TEST(SimStepperFaults, AStopClampsTheShaftWhileTheCounterGoesOn) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  ASSERT_TRUE(motor.set_travel_limits(-500, 800));
  move_to(scheduler, motor, 1200);
  EXPECT_EQ(motor.position(), 1200);
  EXPECT_EQ(motor.shaft_position(), 800);
  move_to(scheduler, motor, 1000);
  EXPECT_EQ(motor.shaft_position(), 600) << "backing off the stop turns the shaft at once";
  move_to(scheduler, motor, -2000);
  EXPECT_EQ(motor.shaft_position(), -500);
}

TEST(SimStepperFaults, TravelLimitsRejectAnEmptyRangeAndPushAShaftOutsideToTheStop) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  EXPECT_FALSE(motor.set_travel_limits(10, -10));
  move_to(scheduler, motor, 300);
  EXPECT_TRUE(motor.set_travel_limits(-100, 100));
  EXPECT_EQ(motor.shaft_position(), 100);
  EXPECT_EQ(motor.position(), 300);
}

TEST(SimStepperFaults, SetPositionMovesTheCounterNotTheShaft) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  move_to(scheduler, motor, 400);
  motor.set_position(0);
  EXPECT_EQ(motor.position(), 0);
  EXPECT_EQ(motor.shaft_position(), 400);
  move_to(scheduler, motor, 100);
  EXPECT_EQ(motor.shaft_position(), 500);
}

TEST(SimStepperFaults, HomingAgainstTheStopRealignsCounterAndShaft) {
  // The stop sits where HOME's zero (backoff 125 + half of 2400 above it) is shaft 0.
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  ASSERT_TRUE(motor.set_travel_limits(-1325, 1075));
  motor.miss_steps(150);
  move_to(scheduler, motor, 900);
  motor.set_stalled(true);
  move_to(scheduler, motor, 300);
  motor.set_stalled(false);
  ASSERT_NE(motor.shaft_position(), motor.position());

  home(scheduler, motor);
  EXPECT_EQ(motor.position(), 0);
  EXPECT_EQ(motor.shaft_position(), 0);
  move_to(scheduler, motor, 700);
  EXPECT_EQ(motor.shaft_position(), 700);
}

TEST(SimStepperFaults, WithoutAStopHomingCannotRealign) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  motor.miss_steps(150);
  move_to(scheduler, motor, 900);
  home(scheduler, motor);
  EXPECT_EQ(motor.position(), 0);
  EXPECT_EQ(motor.shaft_position(), 900 - 150 - 1875)
      << "the shaft went wherever the counter sent it";
}

TEST(SimStepperFaults, TheFirmwaresHomeRealignsAStalledMotor) {
  VirtualStepperRig rig;
  rig.advance_ms(2000);
  SimStepper& motor = rig.board().motor(0);
  ASSERT_TRUE(motor.set_travel_limits(-1325, 1075));
  motor.set_stalled(true);
  rig.serial("MOVE:0,600");
  rig.advance_ms(1000);
  EXPECT_EQ(motor.position(), 600);
  EXPECT_EQ(motor.shaft_position(), 0);
  motor.set_stalled(false);
  rig.serial("HOME:0");
  rig.advance_ms(3000);
  EXPECT_EQ(motor.position(), 0);
  EXPECT_EQ(motor.shaft_position(), 0);
}

}  // namespace
}  // namespace hil::sim
