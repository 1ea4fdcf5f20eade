// Covers sim/stepper/driver_thermal.h and its effect on the shaft in sim/stepper/sim_stepper.h:
// the over-temperature protection trips and recovers at the closed-form instants.
#include "sim/stepper/driver_thermal.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/stepper/sim_stepper.h"
#include "sim/time/virtual_scheduler.h"

namespace hil::sim {
namespace {

using std::chrono::microseconds;

core::Micros seconds(double s) {
  return core::Micros(static_cast<std::int64_t>(std::llround(s * 1e6)));
}

TEST(DriverThermal, AtRoomTemperatureItNeverTrips) {
  DriverThermal driver;
  driver.set_energized(seconds(0), true);
  EXPECT_FALSE(driver.next_transition(seconds(0)).has_value());
  EXPECT_NEAR(driver.temperature(seconds(3600)), 125.0, 1e-6);
  EXPECT_NEAR(driver.temperature(seconds(60)), 125.0 - 100.0 / std::exp(1.0), 1e-9);
}

TEST(DriverThermal, HotAmbientTripsThenRecoversWhenTheOutputsAreOff) {
  DriverThermal driver;
  driver.set_ambient(seconds(0), 70.0);  // the chip is still at 25 C
  driver.set_energized(seconds(0), true);
  // Heading for 170 C from 25 C: 150 C when 170 - 145 e^(-t/60) = 150.
  const auto trip = driver.next_transition(seconds(0));
  ASSERT_TRUE(trip.has_value());
  EXPECT_NEAR(static_cast<double>(trip->count()) / 1e6, 60.0 * std::log(145.0 / 20.0), 1e-5);
  EXPECT_NEAR(driver.temperature(*trip), 150.0, 1e-4);
  driver.transition(*trip);
  EXPECT_TRUE(driver.shut_down());
  // Tripped, it no longer heats: it cools toward 70 C and recovers at 130 C.
  const auto recover = driver.next_transition(*trip);
  ASSERT_TRUE(recover.has_value());
  EXPECT_NEAR(static_cast<double>((*recover - *trip).count()) / 1e6, 60.0 * std::log(80.0 / 60.0),
              1e-4);
  driver.transition(*recover);
  EXPECT_FALSE(driver.shut_down());
}

TEST(DriverThermal, AnAmbientAboveTheRecoveryPointKeepsItTripped) {
  DriverThermal driver;
  driver.set_ambient(seconds(0), 200.0);
  const auto trip = driver.next_transition(seconds(0));
  ASSERT_TRUE(trip.has_value()) << "unpowered, it still heats to the air around it";
  driver.transition(*trip);
  EXPECT_FALSE(driver.next_transition(*trip).has_value());
}

TEST(DriverThermal, SleepingBeforeTheTripAvertsIt) {
  DriverThermal driver;
  driver.set_ambient(seconds(0), 70.0);
  driver.set_energized(seconds(0), true);
  driver.set_energized(seconds(60), false);
  EXPECT_FALSE(driver.next_transition(seconds(60)).has_value());
  EXPECT_NEAR(driver.temperature(seconds(6000)), 70.0, 1e-6);
}

TEST(DriverThermal, AlreadyPastTheThresholdTransitionsAtOnce) {
  DriverThermal driver;
  driver.set_ambient(seconds(0), 300.0);
  driver.set_ambient(seconds(100), 25.0);  // the chip is near 300 C now
  EXPECT_EQ(driver.next_transition(seconds(100)), seconds(100));
}

TEST(SimStepperThermal, AnOverheatedDriverLosesStepsUntilItRecovers) {
  VirtualScheduler scheduler;
  SimStepper motor(scheduler);
  motor.set_ambient(80.0);
  motor.set_enabled(true);
  EXPECT_DOUBLE_EQ(motor.ambient(), 80.0);
  // 130 s at 1000 steps/s (accelerating within the first 1 ms).
  ASSERT_TRUE(motor.start_move(core::MoveProfile{130000, 1000, 1000000, 0}, [] {}));
  const double trip_s = 60.0 * std::log(155.0 / 30.0);  // 25 C heading for 180 C reaches 150 C
  const double off_s = 60.0 * std::log(70.0 / 50.0);    // 150 C cooling toward 80 C reaches 130 C
  scheduler.run_until(seconds(trip_s - 0.01));
  EXPECT_FALSE(motor.overheated());
  EXPECT_EQ(motor.shaft_position(), motor.position());
  scheduler.run_until(seconds(trip_s + 1.0));
  EXPECT_TRUE(motor.overheated());
  EXPECT_NEAR(motor.shaft_position(), trip_s * 1000, 2);
  EXPECT_GT(motor.position(), motor.shaft_position() + 900);
  scheduler.run_until(seconds(140));
  EXPECT_FALSE(motor.overheated()) << "it recovered after cooling";
  EXPECT_EQ(motor.position(), 130000);
  EXPECT_NEAR(motor.position() - motor.shaft_position(), off_s * 1000, 2)
      << "the steps of the cut-out are lost";
  EXPECT_GT(motor.driver_temperature(), DriverThermal::kRecoverC)
      << "heating again, as it is still energized";
}

}  // namespace
}  // namespace hil::sim
