// The real-time Scheduler: Boost.Asio steady timers, optionally running device time faster.
#include "bench/io/asio_scheduler.h"

#include <algorithm>
#include <utility>

namespace hil::bench {

using hil::core::Micros;
using hil::core::TimerId;
using Clock = std::chrono::steady_clock;

AsioScheduler::AsioScheduler(boost::asio::io_context& io, double time_scale)
    : io_(io), time_scale_(time_scale > 0 ? time_scale : 1.0), start_(Clock::now()) {}

AsioScheduler::~AsioScheduler() = default;

Micros AsioScheduler::now() const {
  const auto elapsed = std::chrono::duration<double, std::micro>(Clock::now() - start_);
  const Micros time =
      firing_due_ ? *firing_due_ : std::chrono::duration_cast<Micros>(elapsed * time_scale_);
  last_now_ = std::max(last_now_, time);
  return last_now_;
}

TimerId AsioScheduler::call_at(Micros when, std::function<void()> fn) {
  const TimerId id = next_id_++;
  // Round the wall instant up so that now() has reached `when` by the time fn runs.
  const auto wall_offset = std::chrono::ceil<Clock::duration>(
      std::chrono::duration<double, std::micro>(when) / time_scale_);
  auto pending =
      std::make_unique<Pending>(Pending{boost::asio::steady_timer(io_), std::move(fn), when});
  pending->timer.expires_at(start_ + wall_offset);
  pending->timer.async_wait(
      [this, id, alive = std::weak_ptr<char>(alive_)](const boost::system::error_code& ec) {
        if (ec || alive.expired()) return;
        fire(id);
      });
  timers_.emplace(id, std::move(pending));
  return id;
}

void AsioScheduler::cancel(TimerId id) { timers_.erase(id); }

void AsioScheduler::run_event(const std::function<void()>& fn) {
  if (firing_due_) {  // already inside an event: keep its instant
    fn();
    return;
  }
  firing_due_ = now();
  fn();
  firing_due_.reset();
}

void AsioScheduler::fire(TimerId id) {
  auto it = timers_.find(id);
  if (it == timers_.end()) return;
  std::function<void()> fn = std::move(it->second->fn);
  const Micros due = it->second->due;
  timers_.erase(it);
  const auto outer = firing_due_;
  firing_due_ = due;
  fn();
  firing_due_ = outer;
}

}  // namespace hil::bench
