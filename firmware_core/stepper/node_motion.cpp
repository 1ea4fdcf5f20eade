// The stepper node's motion commands: MOVE, HOME (three legs with a group barrier), WAKE, SLEEP,
// the thermal pre-flight and forced sleep.
#include <algorithm>
#include <cstdlib>

#include "firmware_core/stepper/node.h"

namespace hil::core {
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
  if (*value <= 0 || *value > kMaxRate) return Problem{"E03", {}, {Field{"param", std::string(name)}}};
  out = static_cast<std::uint32_t>(*value);
  return std::nullopt;
}

}  // namespace

bool StepperNode::awake(int id) const {
  const MotorState& m = motors_[static_cast<std::size_t>(id)];
  return m.op != nullptr || m.wake_hold;
}

bool StepperNode::any_moving() const {
  return std::any_of(motors_.begin(), motors_.end(), [](const MotorState& m) { return m.op != nullptr; });
}

std::optional<Problem> StepperNode::check_busy(MotorMask mask) const {
  for (int id = 0; id < kMotorCount; ++id) {
    if ((mask & (1U << id)) && motors_[static_cast<std::size_t>(id)].op != nullptr) {
      return Problem{"E04", {}, {Field{"id", std::int64_t{id}}}};
    }
  }
  return std::nullopt;
}

std::optional<Problem> StepperNode::preflight(MotorMask mask, const std::array<std::int64_t, kMotorCount>& req_ms,
                                              std::vector<Problem>& warnings) const {
  std::int64_t max_req_ms = 0;
  for_each_motor(mask, [&](int id) { max_req_ms = std::max(max_req_ms, req_ms[static_cast<std::size_t>(id)]); });
  const std::int64_t req_s = (max_req_ms + 999) / 1000;
  for (int id = 0; id < kMotorCount; ++id) {
    if (!(mask & (1U << id))) continue;
    const ThermalBudget& budget = motors_[static_cast<std::size_t>(id)].thermal;
    std::optional<Problem> problem;
    if (req_s > ThermalBudget::kMaxBudgetS) {
      problem = Problem{"E10", {}, {Field{"id", std::int64_t{id}}, Field{"req_ms", max_req_ms},
                                    Field{"max_budget_s", std::int64_t{ThermalBudget::kMaxBudgetS}}}};
    } else if (req_s > budget.available_s()) {
      problem = Problem{"E11", {}, {Field{"id", std::int64_t{id}}, Field{"req_ms", max_req_ms},
                                    Field{"budget_s", std::int64_t{budget.available_s()}},
                                    Field{"ttfc_s", std::int64_t{budget.ttfc_tenths() / 10}}}};
    }
    if (!problem) continue;
    if (motion_.thermal_limiting) return problem;
    warnings.push_back(std::move(*problem));
  }
  return std::nullopt;
}

Operation& StepperNode::open_operation(Action action, MotorMask mask, ReplyChannel& channel, const CommandRef& ref) {
  auto op = std::make_unique<Operation>();
  op->ref = ref;
  op->channel = &channel;
  op->action = action;
  op->motors = mask;
  op->started_ms = now_ms();
  for_each_motor(mask, [&](int id) {
    MotorState& m = motors_[static_cast<std::size_t>(id)];
    m.op = op.get();
    m.started_ms = op->started_ms;
    m.actual_ms.reset();
    ports_.drivers[static_cast<std::size_t>(id)]->set_enabled(true);
  });
  operations_.push_back(std::move(op));
  return *operations_.back();
}

StepperNode::Outcome StepperNode::run_move(const Command& cmd, ReplyChannel& channel, const CommandRef& ref) {
  std::uint32_t speed = 0, accel = 0;
  std::optional<Problem> problem = rate_param(cmd.speed_sps, "speed", motion_.speed_sps, speed);
  if (!problem) problem = rate_param(cmd.accel_sps2, "accel", motion_.accel_sps2, accel);
  if (!problem && (cmd.target_steps < options_.min_position_steps || cmd.target_steps > options_.max_position_steps)) {
    problem = Problem{"E07", {}, {Field{"target", cmd.target_steps}, Field{"min", std::int64_t{options_.min_position_steps}},
                                  Field{"max", std::int64_t{options_.max_position_steps}}}};
  }
  if (!problem) problem = check_busy(cmd.motors);
  std::array<std::int64_t, kMotorCount> req_ms{};
  if (!problem) {  // only a target within the limits: a far one would overflow target - pos
    for_each_motor(cmd.motors, [&](int id) {
      const std::int64_t pos = ports_.drivers[static_cast<std::size_t>(id)]->position();
      req_ms[static_cast<std::size_t>(id)] = estimate_move_ms(cmd.target_steps - pos, speed, accel);
    });
  }
  Reply ack;
  ack.stage = Stage::kAck;
  if (!problem) problem = preflight(cmd.motors, req_ms, ack.warnings);
  if (problem) {
    channel.send(ref, error_reply(std::move(*problem)));
    return Outcome{true, std::nullopt};
  }
  Operation& op = open_operation(Action::kMove, cmd.motors, channel, ref);
  op.profile = MoveProfile{static_cast<std::int32_t>(cmd.target_steps), speed, accel, motion_.decel_sps2};
  std::int64_t est_ms = 0;
  for_each_motor(cmd.motors, [&](int id) {
    MotorState& m = motors_[static_cast<std::size_t>(id)];
    m.speed_sps = speed;
    m.accel_sps2 = accel;
    m.est_ms = req_ms[static_cast<std::size_t>(id)];
    est_ms = std::max(est_ms, m.est_ms);
  });
  ack.fields.push_back(Field{"est_ms", est_ms});
  channel.send(ref, ack);
  start_leg(op, cmd.motors);
  return Outcome{false, est_ms};
}

StepperNode::Outcome StepperNode::run_home(const Command& cmd, ReplyChannel& channel, const CommandRef& ref) {
  HomeGeometry home;
  const auto place = [](const std::optional<std::int64_t>& value, std::int32_t fallback) {
    return value && *value > 0 ? static_cast<std::int32_t>(std::min<std::int64_t>(*value, 1000000)) : fallback;
  };
  home.overshoot_steps = place(cmd.overshoot_steps, home.overshoot_steps);
  home.backoff_steps = place(cmd.backoff_steps, home.backoff_steps);
  home.full_range_steps = place(cmd.full_range_steps, home.full_range_steps);
  std::uint32_t speed = 0, accel = 0;
  std::optional<Problem> problem = rate_param(cmd.speed_sps, "speed", motion_.speed_sps, speed);
  if (!problem) problem = rate_param(cmd.accel_sps2, "accel", motion_.accel_sps2, accel);
  if (!problem) problem = check_busy(cmd.motors);
  const std::int64_t est_ms = estimate_home_ms(home, speed, accel);
  std::array<std::int64_t, kMotorCount> req_ms{};
  req_ms.fill(est_ms);
  Reply ack;
  ack.stage = Stage::kAck;
  if (!problem) problem = preflight(cmd.motors, req_ms, ack.warnings);
  if (problem) {
    channel.send(ref, error_reply(std::move(*problem)));
    return Outcome{true, std::nullopt};
  }
  Operation& op = open_operation(Action::kHome, cmd.motors, channel, ref);
  op.home = home;
  op.profile = MoveProfile{0, speed, accel, motion_.decel_sps2};
  op.leg = 1;
  for_each_motor(cmd.motors, [&](int id) {
    MotorState& m = motors_[static_cast<std::size_t>(id)];
    m.homed = false;
    m.speed_sps = speed;
    m.accel_sps2 = accel;
    m.est_ms = est_ms;
  });
  ack.fields.push_back(Field{"est_ms", est_ms});
  channel.send(ref, ack);
  start_leg(op, cmd.motors);
  return Outcome{false, est_ms};
}

void StepperNode::start_leg(Operation& op, MotorMask mask) {
  op.running = mask;
  for_each_motor(mask, [&](int id) {
    StepperDriver& driver = *ports_.drivers[static_cast<std::size_t>(id)];
    MotorState& m = motors_[static_cast<std::size_t>(id)];
    m.leg_start_steps = driver.position();
    MoveProfile profile = op.profile;
    if (op.action == Action::kHome) {
      const std::int64_t offsets[] = {0, -(std::int64_t{op.home.full_range_steps} + op.home.overshoot_steps),
                                      op.home.backoff_steps, op.home.full_range_steps / 2};
      profile.target_steps = static_cast<std::int32_t>(m.leg_start_steps + offsets[op.leg]);
    }
    if (!driver.start_move(profile, guarded([this, id] { on_motor_stopped(id); }))) {
      op.running &= static_cast<MotorMask>(~(1U << id));
      op.cancelled |= static_cast<MotorMask>(1U << id);
      close_motor(id);
    }
  });
  if (op.running == 0) advance(op);
}

void StepperNode::on_motor_stopped(int id) {
  begin_event();
  MotorState& m = motors_[static_cast<std::size_t>(id)];
  const MotorMask bit = static_cast<MotorMask>(1U << id);
  if (m.homed) m.steps_since_home += std::llabs(ports_.drivers[static_cast<std::size_t>(id)]->position() - m.leg_start_steps);
  Operation* op = m.op;
  if (op != nullptr && (op->running & bit)) {
    op->running &= static_cast<MotorMask>(~bit);
    if ((op->cancelled & bit) || op->action == Action::kMove) close_motor(id);
    advance(*op);
  }
  end_event();
}

void StepperNode::close_motor(int id) {
  MotorState& m = motors_[static_cast<std::size_t>(id)];
  m.actual_ms = now_ms() - m.started_ms;
  m.op = nullptr;
  if (!m.wake_hold) ports_.drivers[static_cast<std::size_t>(id)]->set_enabled(false);
}

void StepperNode::advance(Operation& op) {
  if (op.running != 0) return;
  const MotorMask active = op.motors & static_cast<MotorMask>(~op.cancelled);
  if (op.action == Action::kHome && op.leg < 3 && active != 0) {
    ++op.leg;
    start_leg(op, active);
    return;
  }
  finish(op);
}

void StepperNode::finish(Operation& op) {
  if (op.action == Action::kHome) {
    for_each_motor(op.motors & static_cast<MotorMask>(~op.cancelled), [&](int id) {
      MotorState& m = motors_[static_cast<std::size_t>(id)];
      ports_.drivers[static_cast<std::size_t>(id)]->set_position(0);
      m.homed = true;
      m.steps_since_home = 0;
      close_motor(id);
    });
  }
  Reply done;
  done.fields.push_back(Field{"actual_ms", now_ms() - op.started_ms});
  ReplyChannel* channel = op.channel;
  const CommandRef ref = op.ref;
  operations_.erase(std::remove_if(operations_.begin(), operations_.end(),
                                   [&op](const std::unique_ptr<Operation>& p) { return p.get() == &op; }),
                    operations_.end());
  channel->send(ref, done);
}

void StepperNode::force_sleep(int id) {
  MotorState& m = motors_[static_cast<std::size_t>(id)];
  const MotorMask bit = static_cast<MotorMask>(1U << id);
  m.wake_hold = false;
  Operation* op = m.op;
  if (op == nullptr) {
    ports_.drivers[static_cast<std::size_t>(id)]->set_enabled(false);
    return;
  }
  op->cancelled |= bit;
  if (op->running & bit) {
    ports_.drivers[static_cast<std::size_t>(id)]->stop();  // its stop callback closes the motor
  } else {
    close_motor(id);
    advance(*op);
  }
}

void StepperNode::reschedule_thermal_check() {
  ports_.scheduler.cancel(thermal_timer_);
  thermal_timer_ = 0;
  if (!motion_.thermal_limiting) return;
  std::optional<std::int64_t> due_ms;
  for (int id = 0; id < kMotorCount; ++id) {
    if (!awake(id)) continue;
    const std::int64_t due = motors_[static_cast<std::size_t>(id)].thermal.forced_sleep_due_ms();
    due_ms = std::min(due_ms.value_or(due), due);
  }
  if (!due_ms) return;
  thermal_timer_ = ports_.scheduler.call_at(Micros(boot_us_ + *due_ms * 1000), guarded([this] {
    thermal_timer_ = 0;
    begin_event();
    for (int id = 0; id < kMotorCount; ++id) {
      if (awake(id) && motors_[static_cast<std::size_t>(id)].thermal.over_limit()) force_sleep(id);
    }
    end_event();
  }));
}

StepperNode::Outcome StepperNode::run_wake(const Command& cmd, ReplyChannel& channel, const CommandRef& ref) {
  Reply done;
  for (int id = 0; id < kMotorCount; ++id) {
    if (!(cmd.motors & (1U << id))) continue;
    const ThermalBudget& budget = motors_[static_cast<std::size_t>(id)].thermal;
    if (budget.available_s() > 0) continue;
    Problem problem{"E12", {}, {Field{"id", std::int64_t{id}}, Field{"budget_s", std::int64_t{budget.available_s()}},
                                Field{"ttfc_s", std::int64_t{budget.ttfc_tenths() / 10}}}};
    if (motion_.thermal_limiting) {
      channel.send(ref, error_reply(std::move(problem)));
      return Outcome{true, std::nullopt};
    }
    done.warnings.push_back(std::move(problem));
  }
  for_each_motor(cmd.motors, [&](int id) {
    motors_[static_cast<std::size_t>(id)].wake_hold = true;
    ports_.drivers[static_cast<std::size_t>(id)]->set_enabled(true);
  });
  channel.send(ref, done);
  return Outcome{};
}

StepperNode::Outcome StepperNode::run_sleep(const Command& cmd, ReplyChannel& channel, const CommandRef& ref) {
  if (auto busy = check_busy(cmd.motors)) {
    channel.send(ref, error_reply(std::move(*busy)));
    return Outcome{true, std::nullopt};
  }
  for_each_motor(cmd.motors, [&](int id) {
    motors_[static_cast<std::size_t>(id)].wake_hold = false;
    ports_.drivers[static_cast<std::size_t>(id)]->set_enabled(false);
  });
  channel.send(ref, Reply{});
  return Outcome{};
}

}  // namespace hil::core
