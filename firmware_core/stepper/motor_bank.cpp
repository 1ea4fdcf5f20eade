// The node's motors: MOVE, HOME (three legs with a group barrier), WAKE, SLEEP, the thermal
// pre-flight and forced sleep.
#include "firmware_core/stepper/motor_bank.h"

#include <algorithm>
#include <cstdlib>

namespace hil::stepper {
namespace {

constexpr std::int64_t kMaxRate = 0x7FFFFFFF;

template <typename Fn>
void for_each_motor(MotorMask mask, Fn fn) {
  for (int id = 0; id < kMotorCount; ++id) {
    if (mask & (1U << id)) fn(id);
  }
}

// A per-command speed or accel must be > 0 when given.
std::optional<Problem> rate_param(const std::optional<std::int64_t>& value, const char* name,
                                  std::uint32_t fallback, std::uint32_t& out) {
  out = fallback;
  if (!value) return std::nullopt;
  if (*value <= 0 || *value > kMaxRate)
    return Problem{ErrorCode::kBadParam, {}, {Field{"param", std::string(name)}}};
  out = static_cast<std::uint32_t>(*value);
  return std::nullopt;
}

}  // namespace

MotorBank::MotorBank(const std::array<core::StepperDriver*, kMotorCount>& drivers,
                     const NodeClock& clock, const MotionSettings& settings, PositionLimits limits,
                     EventBracket& events)
    : drivers_(drivers), clock_(clock), settings_(settings), limits_(limits), events_(events) {}

MotorBank::~MotorBank() { clock_.scheduler.cancel(thermal_timer_); }

void MotorBank::power_on(std::uint32_t microstep_multiplier) {
  for (int id = 0; id < kMotorCount; ++id) {
    MotorState& m = state(id);
    m.speed_sps =
        MotionSettings{}.speed_sps;  // each motor shows the rates of its own last move or homing:
    m.accel_sps2 = MotionSettings{}.accel_sps2;  // the factory ones before any
    m.actual_ms =
        0;  // "the last operation is over" from boot on: STATUS and telemetry keep one shape
    m.thermal.update(0, false);
    driver(id).set_enabled(false);
    driver(id).set_microstep_multiplier(microstep_multiplier);
  }
}

void MotorBank::set_microstep_multiplier(std::uint32_t multiplier) {
  for (int id = 0; id < kMotorCount; ++id) driver(id).set_microstep_multiplier(multiplier);
}

void MotorBank::update_budgets() {
  const std::int64_t now = clock_.now_ms();
  for (int id = 0; id < kMotorCount; ++id) state(id).thermal.update(now, awake(id));
}

bool MotorBank::awake(int id) const {
  const MotorState& m = state(id);
  return m.op != nullptr || m.wake_hold;
}

bool MotorBank::any_moving() const {
  return std::any_of(motors_.begin(), motors_.end(),
                     [](const MotorState& m) { return m.op != nullptr; });
}

std::optional<Problem> MotorBank::check_busy(MotorMask mask) const {
  for (int id = 0; id < kMotorCount; ++id) {
    if ((mask & (1U << id)) && state(id).op != nullptr) {
      return Problem{ErrorCode::kBusy, {}, {Field{"id", std::int64_t{id}}}};
    }
  }
  return std::nullopt;
}

std::optional<Problem> MotorBank::preflight(MotorMask mask,
                                            const std::array<std::int64_t, kMotorCount>& req_ms,
                                            std::vector<Problem>& warnings) const {
  std::int64_t max_req_ms = 0;
  for_each_motor(mask, [&](int id) {
    max_req_ms = std::max(max_req_ms, req_ms[static_cast<std::size_t>(id)]);
  });
  const std::int64_t req_s = (max_req_ms + 999) / 1000;
  for (int id = 0; id < kMotorCount; ++id) {
    if (!(mask & (1U << id))) continue;
    const ThermalBudget& budget = state(id).thermal;
    std::optional<Problem> problem;
    if (req_s > ThermalBudget::kMaxBudgetS) {
      problem = Problem{ErrorCode::kThermalReqGtMax,
                        {},
                        {Field{"id", std::int64_t{id}}, Field{"req_ms", max_req_ms},
                         Field{"max_budget_s", std::int64_t{ThermalBudget::kMaxBudgetS}}}};
    } else if (req_s > budget.available_s()) {
      problem = Problem{ErrorCode::kThermalNoBudget,
                        {},
                        {Field{"id", std::int64_t{id}}, Field{"req_ms", max_req_ms},
                         Field{"budget_s", std::int64_t{budget.available_s()}},
                         Field{"ttfc_s", std::int64_t{budget.ttfc_tenths() / 10}}}};
    }
    if (!problem) continue;
    if (settings_.thermal_limiting) return problem;
    warnings.push_back(std::move(*problem));
  }
  return std::nullopt;
}

Operation& MotorBank::open_operation(bool homing, MotorMask mask, const Request& request) {
  auto op = std::make_unique<Operation>();
  op->ref = request.ref;
  op->channel = &request.channel;
  op->homing = homing;
  op->motors = mask;
  op->started_ms = clock_.now_ms();
  for_each_motor(mask, [&](int id) {
    MotorState& m = state(id);
    m.op = op.get();
    m.started_ms = op->started_ms;
    m.actual_ms.reset();
    driver(id).set_enabled(true);
  });
  operations_.push_back(std::move(op));
  return *operations_.back();
}

Outcome MotorBank::move(const Request& request) {
  const std::int64_t target = request.command.target_steps.value_or(0);  // its syntax requires one
  std::uint32_t speed = 0, accel = 0;
  std::optional<Problem> problem =
      rate_param(request.command.speed_sps, "speed", settings_.speed_sps, speed);
  if (!problem)
    problem = rate_param(request.command.accel_sps2, "accel", settings_.accel_sps2, accel);
  if (!problem && (target < limits_.min_steps || target > limits_.max_steps)) {
    problem = Problem{ErrorCode::kPosOutOfRange,
                      {},
                      {Field{"target", target}, Field{"min", std::int64_t{limits_.min_steps}},
                       Field{"max", std::int64_t{limits_.max_steps}}}};
  }
  if (!problem) problem = check_busy(request.command.motors);
  std::array<std::int64_t, kMotorCount> req_ms{};
  if (!problem) {  // only a target within the limits: a far one would overflow target - pos
    for_each_motor(request.command.motors, [&](int id) {
      const std::int64_t pos = driver(id).position();
      req_ms[static_cast<std::size_t>(id)] = estimate_move_ms(target - pos, speed, accel);
    });
  }
  Operation plan;
  plan.profile =
      core::MoveProfile{static_cast<std::int32_t>(target), speed, accel, settings_.decel_sps2};
  return launch(request, std::move(problem), plan, req_ms);
}

Outcome MotorBank::home(const Request& request) {
  HomeGeometry home;
  const auto place = [](const std::optional<std::int64_t>& value, std::int32_t fallback) {
    return value && *value > 0 ? static_cast<std::int32_t>(std::min<std::int64_t>(*value, 1000000))
                               : fallback;
  };
  home.overshoot_steps = place(request.command.overshoot_steps, home.overshoot_steps);
  home.backoff_steps = place(request.command.backoff_steps, home.backoff_steps);
  home.full_range_steps = place(request.command.full_range_steps, home.full_range_steps);
  std::uint32_t speed = 0, accel = 0;
  std::optional<Problem> problem =
      rate_param(request.command.speed_sps, "speed", settings_.speed_sps, speed);
  if (!problem)
    problem = rate_param(request.command.accel_sps2, "accel", settings_.accel_sps2, accel);
  if (!problem) problem = check_busy(request.command.motors);
  const std::int64_t est_ms = estimate_home_ms(home, speed, accel);
  std::array<std::int64_t, kMotorCount> req_ms{};
  req_ms.fill(est_ms);
  Operation plan;
  plan.homing = true;
  plan.home = home;
  plan.profile = core::MoveProfile{0, speed, accel, settings_.decel_sps2};
  plan.leg = 1;
  return launch(request, std::move(problem), plan, req_ms);
}

Outcome MotorBank::launch(const Request& request, std::optional<Problem> problem,
                          const Operation& plan,
                          const std::array<std::int64_t, kMotorCount>& req_ms) {
  const MotorMask mask = request.command.motors;
  Reply ack;
  ack.stage = Stage::kAck;
  if (!problem) problem = preflight(mask, req_ms, ack.warnings);
  if (problem) {
    request.channel.send(request.ref, error_reply(std::move(*problem)));
    return Outcome{true, std::nullopt};
  }
  Operation& op = open_operation(plan.homing, mask, request);
  op.home = plan.home;
  op.profile = plan.profile;
  op.leg = plan.leg;
  std::int64_t est_ms = 0;
  for_each_motor(mask, [&](int id) {
    MotorState& m = state(id);
    m.homed = m.homed && !op.homing;
    m.speed_sps = op.profile.speed_sps;
    m.accel_sps2 = op.profile.accel_sps2;
    m.est_ms = req_ms[static_cast<std::size_t>(id)];
    est_ms = std::max(est_ms, m.est_ms);
  });
  ack.fields.push_back(Field{"est_ms", est_ms});
  request.channel.send(request.ref, ack);
  start_leg(op, mask);
  return Outcome{false, est_ms};
}

void MotorBank::start_leg(Operation& op, MotorMask mask) {
  op.running = mask;
  for_each_motor(mask, [&](int id) {
    core::StepperDriver& motor_driver = driver(id);
    MotorState& m = state(id);
    m.leg_start_steps = motor_driver.position();
    core::MoveProfile profile = op.profile;
    if (op.homing) {
      const std::int64_t offsets[] = {
          0, -(std::int64_t{op.home.full_range_steps} + op.home.overshoot_steps),
          op.home.backoff_steps, op.home.full_range_steps / 2};
      profile.target_steps = static_cast<std::int32_t>(m.leg_start_steps + offsets[op.leg]);
    }
    if (!motor_driver.start_move(profile, life_.guard([this, id] { on_motor_stopped(id); }))) {
      op.running &= static_cast<MotorMask>(~(1U << id));
      op.cancelled |= static_cast<MotorMask>(1U << id);
      close_motor(id);
    }
  });
  if (op.running == 0) advance(op);
}

void MotorBank::on_motor_stopped(int id) {
  events_.begin_event();
  MotorState& m = state(id);
  const auto bit = static_cast<MotorMask>(1U << id);
  if (m.homed) m.steps_since_home += std::llabs(driver(id).position() - m.leg_start_steps);
  Operation* op = m.op;
  if (op != nullptr && (op->running & bit)) {
    op->running &= static_cast<MotorMask>(~bit);
    if ((op->cancelled & bit) || !op->homing) close_motor(id);
    advance(*op);
  }
  events_.end_event();
}

void MotorBank::close_motor(int id) {
  MotorState& m = state(id);
  m.actual_ms = clock_.now_ms() - m.started_ms;
  m.op = nullptr;
  if (!m.wake_hold) driver(id).set_enabled(false);
}

void MotorBank::advance(Operation& op) {
  if (op.running != 0) return;
  const MotorMask active = op.motors & static_cast<MotorMask>(~op.cancelled);
  if (op.homing && op.leg < 3 && active != 0) {
    ++op.leg;
    start_leg(op, active);
    return;
  }
  finish(op);
}

void MotorBank::finish(Operation& op) {
  if (op.homing) {
    for_each_motor(op.motors & static_cast<MotorMask>(~op.cancelled), [&](int id) {
      MotorState& m = state(id);
      driver(id).set_position(0);
      m.homed = true;
      m.steps_since_home = 0;
      close_motor(id);
    });
  }
  Reply done;
  done.fields.push_back(Field{"actual_ms", clock_.now_ms() - op.started_ms});
  ReplyChannel* channel = op.channel;
  const CommandRef ref = op.ref;
  operations_.erase(
      std::remove_if(operations_.begin(), operations_.end(),
                     [&op](const std::unique_ptr<Operation>& p) { return p.get() == &op; }),
      operations_.end());
  channel->send(ref, done);
}

void MotorBank::force_sleep(int id) {
  MotorState& m = state(id);
  const auto bit = static_cast<MotorMask>(1U << id);
  m.wake_hold = false;
  Operation* op = m.op;
  if (op == nullptr) {
    driver(id).set_enabled(false);
    return;
  }
  op->cancelled |= bit;
  if (op->running & bit) {
    driver(id).stop();  // its stop callback closes the motor
  } else {
    close_motor(id);
    advance(*op);
  }
}

void MotorBank::reschedule_thermal_check() {
  clock_.scheduler.cancel(thermal_timer_);
  thermal_timer_ = 0;
  if (!settings_.thermal_limiting) return;
  std::optional<std::int64_t> due_ms;
  for (int id = 0; id < kMotorCount; ++id) {
    if (!awake(id)) continue;
    const std::int64_t due = state(id).thermal.forced_sleep_due_ms();
    due_ms = std::min(due_ms.value_or(due), due);
  }
  if (!due_ms) return;
  thermal_timer_ = clock_.scheduler.call_at(clock_.at_ms(*due_ms), life_.guard([this] {
    thermal_timer_ = 0;
    events_.begin_event();
    for (int id = 0; id < kMotorCount; ++id) {
      if (awake(id) && state(id).thermal.over_limit()) force_sleep(id);
    }
    events_.end_event();
  }));
}

Outcome MotorBank::wake(const Request& request) {
  Reply done;
  for (int id = 0; id < kMotorCount; ++id) {
    if (!(request.command.motors & (1U << id))) continue;
    const ThermalBudget& budget = state(id).thermal;
    if (budget.available_s() > 0) continue;
    Problem problem{
        ErrorCode::kThermalNoBudgetWake,
        {},
        {Field{"id", std::int64_t{id}}, Field{"budget_s", std::int64_t{budget.available_s()}},
         Field{"ttfc_s", std::int64_t{budget.ttfc_tenths() / 10}}}};
    if (settings_.thermal_limiting) {
      request.channel.send(request.ref, error_reply(std::move(problem)));
      return Outcome{true, std::nullopt};
    }
    done.warnings.push_back(std::move(problem));
  }
  for_each_motor(request.command.motors, [&](int id) {
    state(id).wake_hold = true;
    driver(id).set_enabled(true);
  });
  request.channel.send(request.ref, done);
  return Outcome{};
}

Outcome MotorBank::sleep(const Request& request) {
  if (auto busy = check_busy(request.command.motors)) {
    request.channel.send(request.ref, error_reply(std::move(*busy)));
    return Outcome{true, std::nullopt};
  }
  for_each_motor(request.command.motors, [&](int id) {
    state(id).wake_hold = false;
    driver(id).set_enabled(false);
  });
  request.channel.send(request.ref, Reply{});
  return Outcome{};
}

}  // namespace hil::stepper
