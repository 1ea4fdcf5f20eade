// The board's timer queue.
#include "boards/mps2_an385/board_scheduler.h"

#include "boards/mps2_an385/tick_clock.h"

namespace hil::board {

core::Micros BoardScheduler::now() const { return core::Micros(now_us()); }

core::TimerId BoardScheduler::call_at(core::Micros when, std::function<void()> fn) {
  const core::TimerId id = next_id_++;
  queue_.emplace(Key{when.count(), id}, std::move(fn));
  when_.emplace(id, when.count());
  return id;
}

void BoardScheduler::cancel(core::TimerId id) {
  const auto found = when_.find(id);
  if (found == when_.end()) return;
  queue_.erase(Key{found->second, id});
  when_.erase(found);
}

bool BoardScheduler::due() const {
  return !queue_.empty() && queue_.begin()->first.first <= now_us();
}

std::size_t BoardScheduler::run_due() {
  std::size_t ran = 0;
  const std::int64_t now = now_us();
  // Timers set by a callback for "now" run in this pass too, after those already due.
  while (!queue_.empty() && queue_.begin()->first.first <= now) {
    auto first = queue_.begin();
    std::function<void()> fn = std::move(first->second);
    when_.erase(first->first.second);
    queue_.erase(first);
    fn();
    ++ran;
  }
  return ran;
}

}  // namespace hil::board
