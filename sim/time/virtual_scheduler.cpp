// Virtual time: a discrete-event queue.
#include "sim/time/virtual_scheduler.h"

#include <optional>

namespace hil::sim {

TimerId VirtualScheduler::call_at(Micros when, std::function<void()> fn) {
  const TimerId id = next_id_++;
  const Key key{std::max(when, now_).count(), id};
  queue_.emplace(key, std::make_pair(id, std::move(fn)));
  index_.emplace(id, key);
  return id;
}

void VirtualScheduler::cancel(TimerId id) {
  const auto it = index_.find(id);
  if (it == index_.end()) return;
  queue_.erase(it->second);
  index_.erase(it);
}

std::size_t VirtualScheduler::run_until(Micros until) {
  std::size_t ran = 0;
  while (!queue_.empty() && queue_.begin()->first.first <= until.count()) {
    auto node = queue_.extract(queue_.begin());
    index_.erase(node.mapped().first);
    now_ = Micros(node.key().first);
    node.mapped().second();
    ++ran;
  }
  if (until > now_) now_ = until;
  return ran;
}

std::optional<Micros> VirtualScheduler::next_event() const {
  if (queue_.empty()) return std::nullopt;
  return Micros(queue_.begin()->first.first);
}

}  // namespace hil::sim
