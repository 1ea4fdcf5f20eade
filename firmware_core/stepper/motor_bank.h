// The node's motors and what runs on them: MOVE, HOME (three legs with a group barrier), WAKE,
// SLEEP, the thermal pre-flight and forced sleep.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "firmware_core/ports/stepper_driver.h"
#include "firmware_core/stepper/command_table.h"
#include "firmware_core/stepper/motion.h"
#include "firmware_core/stepper/node_context.h"
#include "firmware_core/stepper/reply_channel.h"
#include "firmware_core/stepper/settings.h"
#include "firmware_core/stepper/thermal.h"

namespace hil::stepper {

struct Operation;

// What the node knows about one motor; the driver knows where it is.
struct MotorState {
  bool wake_hold = false;  // WAKE given and no SLEEP since
  bool homed = false;
  std::int64_t steps_since_home = 0;
  ThermalBudget thermal;
  std::uint32_t speed_sps = 0;  // those of its last move or homing
  std::uint32_t accel_sps2 = 0;
  std::int64_t est_ms = 0;
  std::int64_t started_ms = 0;
  std::optional<std::int64_t> actual_ms;  // empty while the last operation runs
  std::int32_t leg_start_steps = 0;
  Operation* op = nullptr;
};

// A running MOVE or HOME: the motors it drives and where its DONE goes.
struct Operation {
  CommandRef ref;
  ReplyChannel* channel = nullptr;
  bool homing = false;
  MotorMask motors = 0;
  MotorMask running = 0;    // motors still moving in the current leg
  MotorMask cancelled = 0;  // forced asleep before the end
  int leg = 0;              // HOME: 1..3
  HomeGeometry home;
  core::MoveProfile profile;
  std::int64_t started_ms = 0;
};

struct PositionLimits {
  std::int32_t min_steps = -1200;
  std::int32_t max_steps = 1200;
};

class MotorBank {
 public:
  MotorBank(const std::array<core::StepperDriver*, kMotorCount>& drivers, const NodeClock& clock,
            const MotionSettings& settings, PositionLimits limits, EventBracket& events);
  ~MotorBank();
  MotorBank(const MotorBank&) = delete;
  MotorBank& operator=(const MotorBank&) = delete;

  // Power-on: every driver asleep at the given microstep multiplier, the factory rates shown.
  void power_on(std::uint32_t microstep_multiplier);
  void set_microstep_multiplier(std::uint32_t multiplier);

  Outcome move(const Request& request);
  Outcome home(const Request& request);
  Outcome wake(const Request& request);
  Outcome sleep(const Request& request);

  const MotorState& motor(int id) const { return motors_[static_cast<std::size_t>(id)]; }
  std::int32_t position(int id) const { return drivers_[static_cast<std::size_t>(id)]->position(); }
  bool awake(int id) const;
  bool any_moving() const;

  // Brings every thermal budget up to now (before an event).
  void update_budgets();
  // Arms the timer of the next forced sleep (after an event).
  void reschedule_thermal_check();

 private:
  MotorState& state(int id) { return motors_[static_cast<std::size_t>(id)]; }
  const MotorState& state(int id) const { return motors_[static_cast<std::size_t>(id)]; }
  core::StepperDriver& driver(int id) { return *drivers_[static_cast<std::size_t>(id)]; }
  std::optional<Problem> check_busy(MotorMask mask) const;
  // Thermal pre-flight: an error (limiting on) or warnings (limiting off).
  std::optional<Problem> preflight(MotorMask mask,
                                   const std::array<std::int64_t, kMotorCount>& req_ms,
                                   std::vector<Problem>& warnings) const;
  // The common end of MOVE and HOME: the thermal pre-flight, then the ACK and the first leg of
  // plan.
  Outcome launch(const Request& request, std::optional<Problem> problem, const Operation& plan,
                 const std::array<std::int64_t, kMotorCount>& req_ms);
  Operation& open_operation(bool homing, MotorMask mask, const Request& request);
  void start_leg(Operation& op, MotorMask mask);
  void on_motor_stopped(int id);
  void close_motor(int id);
  void advance(Operation& op);
  void finish(Operation& op);
  void force_sleep(int id);

  std::array<core::StepperDriver*, kMotorCount> drivers_;
  const NodeClock& clock_;
  const MotionSettings& settings_;
  PositionLimits limits_;
  EventBracket& events_;
  std::array<MotorState, kMotorCount> motors_{};
  std::vector<std::unique_ptr<Operation>> operations_;
  core::TimerId thermal_timer_ = 0;
  LifeToken life_;
};

}  // namespace hil::stepper
